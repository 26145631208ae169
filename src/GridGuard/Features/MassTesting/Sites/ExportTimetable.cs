using System.Globalization;
using GridGuard.Features.Households.Export;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;

namespace GridGuard.Features.MassTesting.Sites;

/// <summary>One line of a site's timetable in the export. Text is neutralised by SafeCell.</summary>
public sealed class TimetableRow
{
    [ExcelColumn(Name = "日期", Width = 12)]
    public string Day { get; init; } = "";

    [ExcelColumn(Name = "开始", Width = 8)]
    public string Starts { get; init; } = "";

    [ExcelColumn(Name = "结束", Width = 8)]
    public string Ends { get; init; } = "";

    [ExcelColumn(Name = "网格", Width = 20)]
    public string Grid { get; init; } = "";

    [ExcelColumn(Name = "所属", Width = 20)]
    public string Parent { get; init; } = "";
}

/// <summary>
/// GET /api/testing-rounds/{roundId}/sites/{siteId}/timetable.xlsx: the site's timetable as a sheet, one row per slot in
/// county time. A timetable has at most a few hundred lines, so it is built in memory. 404 outside scope.
/// </summary>
public static class ExportTimetable
{
    public const string ContentType = Households.Import.ImportTemplate.XlsxContentType;

    public static RouteGroupBuilder MapExportTimetable(this RouteGroupBuilder group)
    {
        group.MapGet("/{roundId:guid}/sites/{siteId:guid}/timetable.xlsx", HandleAsync)
            .WithName("ExportSamplingTimetable")
            .WithSummary("导出采样点时间表（xlsx；每个时段一行，本县时间）")
            .Produces(StatusCodes.Status200OK, contentType: ContentType);
        return group;
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> HandleAsync(Guid roundId, Guid siteId,
        AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var site = await GetSite.LoadAsync(db, me, clock, roundId, siteId, ct);
        if (site is null)
        {
            return TypedResults.NotFound();
        }

        var rows = site.Slots.Select(x => new TimetableRow
        {
            Day = x.StartsAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Starts = x.StartsAt.ToString("HH:mm", CultureInfo.InvariantCulture),
            Ends = x.EndsAt.ToString("HH:mm", CultureInfo.InvariantCulture),
            Grid = SafeCell.Text(x.GridName),
            Parent = SafeCell.Text(x.ParentName ?? ""),
        }).ToList();
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: "时间表", excelType: ExcelType.XLSX, cancellationToken: ct);
        return TypedResults.File(stream.ToArray(), ContentType, Platform.Web.ExportFileName.For("采样点时间表", site.Name, clock.Today));
    }
}
