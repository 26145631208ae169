using GridGuard.Features.Households.Export;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;

namespace GridGuard.Features.MassTesting.Coverage;

/// <summary>One person of the missing list in the export. Text is neutralised by SafeCell; the ID number stays masked.</summary>
public sealed class MissingRow
{
    [ExcelColumn(Name = "姓名", Width = 10)]
    public string Name { get; init; } = "";

    [ExcelColumn(Name = "证件号码", Width = 22)]
    public string IdNumber { get; init; } = "";

    [ExcelColumn(Name = "电话", Width = 14)]
    public string Phone { get; init; } = "";

    [ExcelColumn(Name = "地址", Width = 30)]
    public string Address { get; init; } = "";

    [ExcelColumn(Name = "网格", Width = 16)]
    public string Node { get; init; } = "";

    [ExcelColumn(Name = "包户责任人", Width = 10)]
    public string Steward { get; init; } = "";

    [ExcelColumn(Name = "责任人电话", Width = 14)]
    public string StewardPhone { get; init; } = "";

    [ExcelColumn(Name = "免检", Width = 16)]
    public string Exemption { get; init; } = "";

    [ExcelColumn(Name = "备注", Width = 16)]
    public string Note { get; init; } = "";

    [ExcelColumn(Name = "通知情况", Width = 16)]
    public string Called { get; init; } = "";
}

/// <summary>
/// GET /api/testing-rounds/{id}/missing.xlsx?node=: the whole missing list of a node (a grid or a village, usually) as a
/// sheet, for stewards who call down it on paper or share it in a work group. The same rows as <see cref="ListMissing"/>
/// (scope helper, masked ID numbers), read page by page; an empty last column for the caller's notes. At most
/// <see cref="MaxRows"/> persons: a larger node is refused with a message that says to choose a smaller one.
/// </summary>
public static class ExportMissing
{
    public const int MaxRows = 50_000;
    public const string Title = "未采样人员名单";
    public const string ContentType = Households.Import.ImportTemplate.XlsxContentType;

    public static RouteGroupBuilder MapExportMissing(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/missing.xlsx", HandleAsync)
            .WithName("ExportMissing")
            .WithSummary("导出未采样人员名单（xlsx；证件号码打码；最多 50,000 人）")
            .Produces(StatusCodes.Status200OK, contentType: ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return group;
    }

    public static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> HandleAsync(Guid id, Guid? node,
        AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var at = await ListMissing.NodeAsync(db, me, id, node, ct);
        if (at is null)
        {
            return TypedResults.NotFound();
        }

        var rows = new List<MissingRow>();
        Guid? after = null;
        do
        {
            var page = await ListMissing.PageAsync(db, me, id, at, after, ListMissing.MaxLimit, ct);
            rows.AddRange(page.Items.Select(Row));
            if (rows.Count > MaxRows)
            {
                return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>
                {
                    ["node"] = [$"导出范围：未采样人员超过 {MaxRows:N0} 人，请选择下一级（村或网格）分别导出"],
                })
                { Status = StatusCodes.Status400BadRequest, Title = "请求有误" });
            }

            after = page.Next;
        }
        while (after is not null);

        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: "未采样名单", excelType: ExcelType.XLSX, cancellationToken: ct);
        return TypedResults.File(stream.ToArray(), ContentType, Platform.Web.ExportFileName.For(Title, at.Name, clock.Today));
    }

    private static MissingRow Row(ListMissing.Item m) => new()
    {
        Name = SafeCell.Text(m.Name),
        IdNumber = SafeCell.Text(m.IdNumber),
        Phone = SafeCell.Text(m.Phone),
        Address = SafeCell.Text(m.Address),
        Node = SafeCell.Text(m.NodeName),
        Steward = SafeCell.Text(m.Steward),
        StewardPhone = SafeCell.Text(m.StewardPhone),
        Exemption = m.ExemptionLabel is null ? "" : SafeCell.Text($"{m.ExemptionLabel}（{m.ExemptionReason}）"),
        Note = m.Resample ? "结果无效，需重采" : "",
    };
}
