using System.Runtime.CompilerServices;
using GridGuard.Features.Households.Export;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;

namespace GridGuard.Features.Canvassing.Tips;

/// <summary>
/// GET /api/rewards/export.xlsx?node=: the reward ledger of a node (default: the user's whole staff scope) as xlsx,
/// newest first. Rows stream from the database into a temporary file (deleted on close) that is then sent, as the
/// roster export does. Phones are masked and every text cell goes through <see cref="SafeCell"/>.
/// </summary>
public static class ExportRewards
{
    public const string Title = "奖励台账";

    public static RouteGroupBuilder MapExportRewards(this RouteGroupBuilder group)
    {
        group.MapGet("/export.xlsx", HandleAsync)
            .WithName("ExportRewards")
            .WithSummary("导出奖励台账（xlsx；电话脱敏）")
            .Produces(StatusCodes.Status200OK, contentType: ExportRoster.ContentType);
        return group;
    }

    public static async Task<Results<FileStreamHttpResult, NotFound>> HandleAsync(Guid? node, AppDbContext db, CurrentUser me,
        CountyClock clock, HttpContext http, CancellationToken ct)
    {
        ListRewards.Node? n = null;
        if (node is { } id && (n = await ListRewards.NodeAsync(db, me, id, ct)) is null)
        {
            return TypedResults.NotFound();
        }

        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"gridguard-rewards-{Guid.NewGuid():N}.xlsx"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await file.SaveAsAsync(RowsAsync(db, me, clock, n, ct), sheetName: Title, excelType: ExcelType.XLSX, cancellationToken: ct);
            file.Position = 0;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }

        var today = clock.Today;
        var name = n?.Name ?? "全部";
        var invalid = Path.GetInvalidFileNameChars().Concat(['\\', '/', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = $"rewards-{n?.Code ?? "all"}-{today:yyyyMMdd}.xlsx",
            FileNameStar = $"{Title}_{new string(name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray())}_{today:yyyyMMdd}.xlsx",
        }.ToString();
        return TypedResults.File(file, ExportRoster.ContentType);
    }

    private static async IAsyncEnumerable<RewardRow> RowsAsync(AppDbContext db, CurrentUser me, CountyClock clock, ListRewards.Node? node,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var rows = ListRewards.InLedger(db, me, node)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Select(r => new { r.CreatedAt, r.RecipientName, r.RecipientPhone, r.Amount, r.Reason, GridName = r.Jurisdiction!.Name, r.TipId })
            .AsAsyncEnumerable();
        await foreach (var r in rows.WithCancellation(ct))
        {
            yield return new RewardRow
            {
                Date = SafeCell.Text(clock.ToLocal(r.CreatedAt).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)),
                Recipient = SafeCell.Text(r.RecipientName),
                Phone = SafeCell.Text(TipText.MaskPhone(r.RecipientPhone)),
                Amount = r.Amount,
                Reason = SafeCell.Text(r.Reason),
                Grid = SafeCell.Text(r.GridName),
                Reference = SafeCell.Text(r.TipId is { } t ? TipReference.Of(t) : null),
            };
        }
    }
}

/// <summary>One line of the exported 奖励台账. Text is already neutralised by <see cref="SafeCell"/>.</summary>
public sealed class RewardRow
{
    public static readonly string[] Headers = ["日期", "领取人", "联系电话", "金额（元）", "奖励事由", "网格", "线索编号"];

    [ExcelColumn(Name = "日期", Width = 17)]
    public string Date { get; init; } = "";

    [ExcelColumn(Name = "领取人", Width = 20)]
    public string Recipient { get; init; } = "";

    [ExcelColumn(Name = "联系电话", Width = 14)]
    public string Phone { get; init; } = "";

    [ExcelColumn(Name = "金额（元）", Width = 10)]
    public int Amount { get; init; }

    [ExcelColumn(Name = "奖励事由", Width = 50)]
    public string Reason { get; init; } = "";

    [ExcelColumn(Name = "网格", Width = 18)]
    public string Grid { get; init; } = "";

    [ExcelColumn(Name = "线索编号", Width = 12)]
    public string Reference { get; init; } = "";
}
