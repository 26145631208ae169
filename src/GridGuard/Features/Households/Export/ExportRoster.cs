using System.Text.Json;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using MiniExcelLibs;

namespace GridGuard.Features.Households.Export;

/// <summary>
/// GET /api/stewardship/roster.xlsx?jurisdictionId=…[&amp;fullIdNumbers=true]: the 网格联户包保清单 of a grid, a village
/// or any node in scope, one row per household. Identity numbers are masked; an IdNumberViewer may ask for them whole,
/// and then the export is audited as one full view. Rows stream from the database into a temporary file (deleted on
/// close) that is then sent: memory stays flat, and a failure half-way gives an error instead of a truncated file.
/// </summary>
public static class ExportRoster
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Title = "网格联户包保清单";

    public static RouteGroupBuilder MapExportRoster(this RouteGroupBuilder group)
    {
        group.MapGet("/roster.xlsx", HandleAsync)
            .WithName("ExportRoster")
            .WithSummary("导出网格联户包保清单（xlsx，每户一行；证件号码默认打码）")
            .Produces(StatusCodes.Status200OK, contentType: ContentType);
        return group;
    }

    public static async Task<Results<FileStreamHttpResult, NotFound, ProblemHttpResult>> HandleAsync(
        Guid jurisdictionId, bool? fullIdNumbers, AppDbContext db, CurrentUser me, CountyClock clock,
        IHttpContextAccessor http, ILoggerFactory loggers, CancellationToken ct)
    {
        var node = await db.Jurisdictions.AsNoTracking().InScopeOf(me).FirstOrDefaultAsync(j => j.Id == jurisdictionId, ct);
        if (node is null)
        {
            return TypedResults.NotFound();
        }

        var full = fullIdNumbers == true;
        if (full && !me.HoldsAt(node.Path, RoleNames.IdNumberViewers))
        {
            return TypedResults.Problem("证件号码：您无权查看完整证件号码，请导出打码版本",
                statusCode: StatusCodes.Status403Forbidden, title: "无权操作");
        }

        var today = clock.Today;
        var rows = new RosterRows(db, me, node, today, full);
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"gridguard-roster-{Guid.NewGuid():N}.xlsx"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await file.SaveAsAsync(rows.ReadAsync(ct), sheetName: "包保清单", excelType: ExcelType.XLSX, cancellationToken: ct);
            file.Position = 0;
            if (full)
            {
                await AuditFullViewAsync(db, http, clock, node, rows, ct);
            }
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }

        loggers.CreateLogger(typeof(ExportRoster)).LogInformation(
            "Roster of {JurisdictionId} exported: {Households} households, full ID numbers {Full}",
            node.Id, rows.Households, full);
        // The Chinese name goes in filename* (RFC 6266); old clients get an ASCII name with the node's code.
        http.HttpContext!.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = $"roster-{node.Code}-{today:yyyyMMdd}.xlsx",
            FileNameStar = FileName(node.Name, today),
        }.ToString();
        return TypedResults.File(file, ContentType);
    }

    /// <summary>"网格联户包保清单_大寨第一网格_20261124.xlsx"; characters a file system refuses become _.</summary>
    public static string FileName(string nodeName, DateOnly today) => Platform.Web.ExportFileName.For(Title, nodeName, today);

    /// <summary>One Viewed line for the whole export, filed under the exported node.</summary>
    private static async Task AuditFullViewAsync(
        AppDbContext db, IHttpContextAccessor http, CountyClock clock, Jurisdiction node, RosterRows rows, CancellationToken ct)
    {
        var (userId, userName) = AuditInterceptor.Actor(http.HttpContext);
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.UtcNow,
            UserId = userId,
            UserName = userName,
            Entity = nameof(Person),
            EntityId = "roster-export",
            Action = AuditAction.Viewed,
            Changes = JsonSerializer.Serialize(new
            {
                Export = Title,
                Jurisdiction = node.Name,
                JurisdictionCode = node.Code,
                rows.Households,
                IdNumbersShown = rows.FullIdNumbers,
            }, AuditLog.Json),
            JurisdictionId = node.Id,
        });
        await db.SaveChangesAsync(ct);
    }
}
