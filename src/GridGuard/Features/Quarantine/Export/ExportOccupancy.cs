using GridGuard.Features.Households.Export;
using GridGuard.Features.Quarantine.Sites;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;

namespace GridGuard.Features.Quarantine.Export;

/// <summary>One row of the occupancy export: a room, or one person in it. Text is neutralised by SafeCell.</summary>
public sealed class OccupancyRow
{
    [ExcelColumn(Name = "房间号", Width = 10)]
    public string Room { get; init; } = "";

    [ExcelColumn(Name = "状态", Width = 8)]
    public string Status { get; init; } = "";

    [ExcelColumn(Name = "容量", Width = 6)]
    public int Capacity { get; init; }

    [ExcelColumn(Name = "在住人员", Width = 12)]
    public string Person { get; init; } = "";

    [ExcelColumn(Name = "入住时间", Width = 18)]
    public string CheckedInAt { get; init; } = "";
}

/// <summary>
/// GET /api/quarantine-sites/{id}/occupancy.xlsx: the bed board as a sheet, room by room (a room with two people has
/// two rows). A site has at most a few hundred rooms, so the sheet is built in memory. 404 outside scope.
/// </summary>
public static class ExportOccupancy
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static RouteGroupBuilder MapExportOccupancy(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/occupancy.xlsx", HandleAsync)
            .WithName("ExportQuarantineOccupancy")
            .WithSummary("导出隔离点入住情况（xlsx；每间房一行，多人同住则每人一行）")
            .Produces(StatusCodes.Status200OK, contentType: ContentType);
        return group;
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> HandleAsync(Guid id, AppDbContext db,
        CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var site = await GetSite.LoadAsync(db, me, clock, id, ct);
        if (site is null)
        {
            return TypedResults.NotFound();
        }

        var rows = site.Rooms.SelectMany(r => r.Occupants.Count == 0
                ? [new OccupancyRow { Room = SafeCell.Text(r.Code), Status = r.StatusLabel, Capacity = r.Capacity }]
                : r.Occupants.Select(o => new OccupancyRow
                {
                    Room = SafeCell.Text(r.Code),
                    Status = r.StatusLabel,
                    Capacity = r.Capacity,
                    Person = SafeCell.Text(o.Name),
                    CheckedInAt = clock.ToLocal(o.CheckedInAt).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                }))
            .ToList();
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: "入住情况", excelType: ExcelType.XLSX, cancellationToken: ct);
        var safe = new string(site.Name.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c).ToArray());
        return TypedResults.File(stream.ToArray(), ContentType, $"隔离点入住情况_{safe}_{clock.Today:yyyyMMdd}.xlsx");
    }
}
