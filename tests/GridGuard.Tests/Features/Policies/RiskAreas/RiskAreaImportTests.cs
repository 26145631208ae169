using System.Net;
using System.Net.Http.Json;
using System.Text;
using GridGuard.Features.Households.Import;
using GridGuard.Features.Policies;
using GridGuard.Features.Policies.RiskAreas.Import;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Households.Import;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace GridGuard.Tests.Features.Policies.RiskAreas;

[Collection(AppCollection.Name)]
public sealed class RiskAreaImportTests(AppFactory app)
{
    private static string[] Line(string code, string? name, string? sub, string level, string from, string? to = null, string? source = null) =>
        [code, name ?? "", sub ?? "", level, from, to ?? "", source ?? ""];

    private static byte[] Csv(params string[][] lines)
    {
        var text = new StringBuilder("说明行\r\n").Append(string.Join(",", RiskAreaColumns.All.Select(ImportSheet.Header))).Append("\r\n");
        foreach (var line in lines)
        {
            text.Append(string.Join(",", line)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static async Task<ListImportReport> ImportAsync(HttpClient client, byte[] bytes, string fileName)
    {
        var response = await client.PostAsync("/api/risk-areas/import", ImportFiles.Form(bytes, fileName));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ListImportReport>(TestJson.Options))!;
    }

    private Task<List<RiskArea>> AreasAsync(string codePrefix) =>
        app.WithDbAsync(db => db.RiskAreas.AsNoTracking().Where(a => a.PlaceCode.StartsWith(codePrefix)).OrderBy(a => a.From).ToListAsync());

    [Fact]
    public async Task ImportRiskAreas_MixedFile_GoodRowsInAndEachBadRowReportedWithItsRowAndReason()
    {
        var client = await RiskAreaData.CommanderAsync(app);
        var code = RiskAreaData.UnknownCode();

        var report = await ImportAsync(client, Csv(
            Line(code, "测试市某区", null, "中", "2022-11-20", null, "通告 1 号"),
            Line(code, "测试市某区", "某小区", "高风险", "2022/11/21", "2022年12月1日"),
            Line(code, "测试市某区", null, "特高", "2022-11-22"),
            Line(code, "测试市某区", null, "低", "2022-13-01"),
            Line(code, "测试市某区", null, "低", "2022-11-25", "2022-11-25"),
            Line(RiskAreaData.UnknownCode(), null, null, "低", "2022-11-25"),
            Line(code, "=1+1", null, "低", "2022-11-26"),
            Line(code, "测试市某区", null, "低", "2022-11-20")), "风险地区.csv");

        Assert.Equal((8, 2, 6, 2, 0, 0), (report.Rows, report.Imported, report.RejectedRows, report.Created, report.Updated, report.Unchanged));
        Assert.Equal([new RowRange(3, 4)], report.ImportedRows);
        Assert.Equal(
        [
            (5, "风险等级", "风险等级：“特高”无效，应为 高、中、低（或 High、Medium、Low）"),
            (6, "开始日期", "开始日期：“2022-13-01”不是有效日期，应写成 2022-11-20"),
            (7, "结束日期", "风险期：结束日期必须晚于开始日期"),
            (9, "地区名称", "地区名称：不能以 = + - @ 开头（可能是公式），请删除开头的符号"),
            (10, "开始日期", "开始日期：与第 3 行是同一地区同一天开始的风险期，请合并为一行"),
        ], report.Errors.Where(e => e.Row != 8).Select(e => (e.Row, e.Column, e.Message)));
        Assert.StartsWith("地区名称：代码", Assert.Single(report.Errors, e => e.Row == 8).Message, StringComparison.Ordinal);
        var areas = await AreasAsync(code);
        Assert.Equal([(RiskLevel.Medium, new DateOnly(2022, 11, 20), (DateOnly?)null, (string?)null, "通告 1 号"),
                (RiskLevel.High, new DateOnly(2022, 11, 21), new DateOnly(2022, 12, 1), "某小区", null)],
            areas.Select(a => (a.Level, a.From, a.To, a.SubArea, a.Source)));
    }

    [Fact]
    public async Task ImportRiskAreas_SameFileTwiceThenALevelChange_NoDuplicatesAndTheAreaUpdated()
    {
        var client = await RiskAreaData.CommanderAsync(app);
        var code = RiskAreaData.UnknownCode();
        var file = Csv(Line(code, "测试县", null, "中", "2022-11-20"), Line(code, "测试县", "甲小区", "高", "2022-11-20"));

        var first = await ImportAsync(client, file, "a.csv");
        var second = await ImportAsync(client, file, "a.csv");
        var third = await ImportAsync(client, Csv(Line(code, "测试县", null, "高", "2022-11-20", "2022-12-05")), "b.csv");

        Assert.Equal((2, 0, 0), (first.Created, first.Updated, first.Unchanged));
        Assert.Equal((0, 0, 2), (second.Created, second.Updated, second.Unchanged));
        Assert.Equal((0, 1, 0), (third.Created, third.Updated, third.Unchanged));
        var areas = await AreasAsync(code);
        Assert.Equal(2, areas.Count);
        var whole = Assert.Single(areas, a => a.SubArea is null);
        Assert.Equal((RiskLevel.High, (DateOnly?)new DateOnly(2022, 12, 5)), (whole.Level, whole.To));
    }

    [Fact]
    public async Task ExportRiskAreas_ThenImportTheExport_EveryAreaFoundUnchanged()
    {
        var client = await RiskAreaData.CommanderAsync(app);
        var code = RiskAreaData.UnknownCode();
        await ImportAsync(client, Csv(
            Line(code, "测试县", null, "中", "2022-11-20", "2022-11-30", "通告"),
            Line(code, "测试县", "甲小区", "高", "2022-11-21")), "a.csv");

        var export = await client.GetAsync($"/api/risk-areas/export.xlsx?code={code}");
        var bytes = await export.Content.ReadAsByteArrayAsync();
        var again = await ImportAsync(client, bytes, "导出.xlsx");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["地区代码", "地区名称", "具体区域", "风险等级", "开始日期", "结束日期", "发布来源"], rows[0].Keys);
        Assert.Equal((2, 0, 0, 2, 0), (again.Rows, again.Created, again.Updated, again.Unchanged, again.RejectedRows));
        Assert.Equal(2, (await AreasAsync(code)).Count);
    }

    [Fact]
    public async Task ExportRiskAreas_TextThatASpreadsheetWouldRun_Neutralised()
    {
        var client = await RiskAreaData.CommanderAsync(app);
        var code = RiskAreaData.UnknownCode();
        await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            db.RiskAreas.Add(new RiskArea
            {
                PlaceCode = code,
                PlaceName = "测试县",
                Level = RiskLevel.Low,
                From = new DateOnly(2022, 11, 20),
                Source = "=HYPERLINK(\"http://x\")",
                CreatedAt = now,
                UpdatedAt = now,
            });
            await db.SaveChangesAsync();
        });

        var bytes = await client.GetByteArrayAsync($"/api/risk-areas/export.xlsx?code={code}");

        var row = Assert.Single(MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object?>>());
        Assert.Equal("'=HYPERLINK(\"http://x\")", row["发布来源"]);
    }

    [Fact]
    public async Task ImportRiskAreas_XlsxWithDateCells_DatesRead()
    {
        var client = await RiskAreaData.CommanderAsync(app);
        var code = RiskAreaData.UnknownCode();
        var columns = RiskAreaColumns.All;
        Dictionary<string, object?> Row(params object?[] values) =>
            columns.ToDictionary(c => ImportTemplate.ColumnLetters(c.Index), c => c.Index < values.Length ? values[c.Index] : null);
        using var stream = new MemoryStream();
        stream.SaveAs(new[]
        {
            Row("说明行"),
            Row([.. columns.Select(c => (object?)ImportSheet.Header(c))]),
            Row(code, "测试县", null, "低", new DateTime(2022, 11, 20), new DateTime(2022, 11, 27)),
        }, printHeader: false, excelType: ExcelType.XLSX);

        var report = await ImportAsync(client, stream.ToArray(), "dates.xlsx");

        Assert.Equal((1, 0), (report.Created, report.RejectedRows));
        var area = Assert.Single(await AreasAsync(code));
        Assert.Equal((new DateOnly(2022, 11, 20), (DateOnly?)new DateOnly(2022, 11, 27)), (area.From, area.To));
    }

    [Fact]
    public async Task ImportRiskAreas_VillageOfficer_403AndNothingWritten()
    {
        var tree = await TestTree.CreateAsync(app);
        var officer = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var code = RiskAreaData.UnknownCode();

        var response = await officer.PostAsync("/api/risk-areas/import", ImportFiles.Form(Csv(Line(code, "测试县", null, "中", "2022-11-20")), "a.csv"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await AreasAsync(code));
    }

    [Fact]
    public async Task RiskAreaImportPage_Commander_SeesTemplatesAndColumnRules()
    {
        var (_, commander) = await RiskAreaData.CommanderUserAsync(app);
        var client = await app.PageClientAsync(commander);

        var html = await client.GetStringAsync("/risk-areas/import");
        var template = await client.GetAsync("/api/risk-areas/import/template?format=csv");

        Assert.Contains("/api/risk-areas/import/template?format=xlsx", html, StringComparison.Ordinal);
        Assert.Contains("地区代码、具体区域和开始日期相同即为同一条", html, StringComparison.Ordinal);
        Assert.Contains("地区代码*", await template.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
