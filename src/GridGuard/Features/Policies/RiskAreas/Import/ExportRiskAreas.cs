using System.Globalization;
using GridGuard.Features.Canvassing;
using GridGuard.Features.Households.Export;
using GridGuard.Features.Households.Import;
using GridGuard.Platform;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using FieldErrors = GridGuard.Features.Households.FieldErrors;

namespace GridGuard.Features.Policies.RiskAreas.Import;

/// <summary>
/// GET /api/risk-areas/export.xlsx?level=&amp;on=&amp;code=&amp;q=: the list (same filters as the page, all pages) as an
/// xlsx whose columns are the import template's, so an exported list can be edited and uploaded again (each area is
/// then found by code, specific area and start date, and updated). Public information: every signed-in user may
/// export it. Text cells go through <see cref="SafeCell"/>.
/// </summary>
public static class ExportRiskAreas
{
    public static RouteGroupBuilder MapExportRiskAreas(this RouteGroupBuilder group)
    {
        group.MapGet("/export.xlsx", HandleAsync)
            .WithName("ExportRiskAreas")
            .WithSummary("导出风险地区名单（xlsx；列同导入模板，可修改后重新导入；筛选条件同列表）")
            .Produces(StatusCodes.Status200OK, contentType: ImportTemplate.XlsxContentType);
        return group;
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> HandleAsync(string? level, string? on, string? code,
        string? q, AppDbContext db, CountyClock clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var filter = ListRiskAreas.Parse(level, on, code, q, errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "筛选条件有误");
        }

        var areas = await ListRiskAreas.Query(db, filter).ToListAsync(ct);
        var rows = areas.Select(a => new Row
        {
            DivisionCode = a.PlaceCode,
            PlaceName = SafeCell.Text(a.PlaceName),
            SubArea = SafeCell.Text(a.SubArea),
            Level = a.Level.Label(),
            From = a.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            To = a.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            Source = SafeCell.Text(a.Source),
        });
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: RiskAreaColumns.DataSheet, excelType: ExcelType.XLSX, cancellationToken: ct);
        return TypedResults.File(stream.ToArray(), ImportTemplate.XlsxContentType, $"风险地区名单_{clock.Today:yyyyMMdd}.xlsx");
    }

    /// <summary>One area, in the import template's column order and names.</summary>
    public sealed class Row
    {
        [ExcelColumn(Name = "地区代码", Width = 14)]
        public string DivisionCode { get; init; } = "";

        [ExcelColumn(Name = "地区名称", Width = 28)]
        public string PlaceName { get; init; } = "";

        [ExcelColumn(Name = "具体区域", Width = 28)]
        public string SubArea { get; init; } = "";

        [ExcelColumn(Name = "风险等级", Width = 10)]
        public string Level { get; init; } = "";

        [ExcelColumn(Name = "开始日期", Width = 12)]
        public string From { get; init; } = "";

        [ExcelColumn(Name = "结束日期", Width = 12)]
        public string To { get; init; } = "";

        [ExcelColumn(Name = "发布来源", Width = 28)]
        public string Source { get; init; } = "";
    }
}
