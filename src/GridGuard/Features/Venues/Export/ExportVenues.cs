using System.Runtime.CompilerServices;
using GridGuard.Features.Households.Export;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using MiniExcelLibs;

namespace GridGuard.Features.Venues.Export;

/// <summary>
/// GET /api/venues/export.xlsx?node=&amp;kind=&amp;q=&amp;active=: the list's venues (same filters, same scope, all
/// pages) as an xlsx, in tree order (grid by grid) and by name within a grid. Anyone who may list may export. Rows
/// stream from one database query into a temporary file (deleted on close) that is then sent: memory stays flat, and
/// a failure half-way gives an error rather than a truncated file. Every text cell goes through
/// <see cref="SafeCell"/>; phones are written as text, as in the roster.
/// </summary>
public static class ExportVenues
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Title = "重点场所清单";

    public static RouteGroupBuilder MapExportVenues(this RouteGroupBuilder group)
    {
        group.MapGet("/export.xlsx", HandleAsync)
            .WithName("ExportVenues")
            .WithSummary("导出重点场所清单（xlsx；筛选条件同列表）")
            .Produces(StatusCodes.Status200OK, contentType: ContentType);
        return group;
    }

    public static async Task<Results<FileStreamHttpResult, NotFound, ProblemHttpResult>> HandleAsync(
        Guid? node, string? kind, string? q, bool? active, AppDbContext db, CurrentUser me, CountyClock clock,
        IHttpContextAccessor http, ILoggerFactory loggers, CancellationToken ct)
    {
        if (!ListVenues.TryParseKind(kind, out var parsed))
        {
            return ListVenues.KindProblem(kind);
        }

        var scoped = await ListVenues.ScopedAsync(db, me, node, active, ct);
        if (scoped is null)
        {
            return TypedResults.NotFound();
        }

        var (venues, chosen) = scoped.Value;
        venues = ListVenues.Narrow(venues, parsed, q);
        var gridPaths = await venues.Select(v => v.Jurisdiction!.Path).Distinct().ToListAsync(ct);
        var label = await VenueGridLabels.LoadAsync(db, gridPaths, ct);
        var count = 0;
        async IAsyncEnumerable<VenueRow> Rows([EnumeratorCancellation] CancellationToken token = default)
        {
            var rows = venues
                .OrderBy(v => v.Jurisdiction!.Path).ThenBy(v => v.Name).ThenBy(v => v.Id)
                .Select(v => new
                {
                    GridName = v.Jurisdiction!.Name,
                    GridPath = v.Jurisdiction.Path,
                    v.Name,
                    v.Kind,
                    v.Address,
                    v.ResponsibleName,
                    v.ResponsiblePhone,
                    v.NonLocalStaff,
                    v.IsActive,
                })
                .AsAsyncEnumerable();
            await foreach (var v in rows.WithCancellation(token))
            {
                count++;
                yield return new VenueRow
                {
                    Grid = SafeCell.Text(label(v.GridPath, v.GridName)),
                    Name = SafeCell.Text(v.Name),
                    Kind = SafeCell.Text(v.Kind.Label()),
                    Address = SafeCell.Text(v.Address),
                    Responsible = SafeCell.Text(v.ResponsibleName),
                    Phone = SafeCell.Text(v.ResponsiblePhone),
                    NonLocalStaff = v.NonLocalStaff,
                    Status = SafeCell.Text(VenueText.StatusLabel(v.IsActive)),
                };
            }
        }

        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"gridguard-venues-{Guid.NewGuid():N}.xlsx"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await file.SaveAsAsync(Rows(ct), sheetName: "重点场所", excelType: ExcelType.XLSX, cancellationToken: ct);
            file.Position = 0;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }

        loggers.CreateLogger(typeof(ExportVenues)).LogInformation(
            "Venues under {JurisdictionId} exported by {User}: {Venues} venues", chosen?.Id, me.UserName, count);
        var today = clock.Today;
        var nodeName = chosen?.Name ?? "全部";
        http.HttpContext!.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = $"venues-{chosen?.Code ?? "all"}-{today:yyyyMMdd}.xlsx",
            FileNameStar = FileName(nodeName, today),
        }.ToString();
        return TypedResults.File(file, ContentType);
    }

    /// <summary>"重点场所清单_甲镇_20261124.xlsx"; characters a file system refuses become _.</summary>
    public static string FileName(string nodeName, DateOnly today) => Platform.Web.ExportFileName.For(Title, nodeName, today);
}
