using System.IO.Compression;
using System.Net;
using System.Text;
using GridGuard.Features.Households.Import;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using MiniExcelLibs;

namespace GridGuard.Tests.Features.Households.Import;

[Collection(AppCollection.Name)]
public sealed class GetImportTemplateTests(AppFactory app)
{
    private async Task<HttpClient> ClientAsync()
    {
        var tree = await TestTree.CreateAsync(app);
        return await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));
    }

    [Fact]
    public async Task GetTemplate_Csv_IsUtf8WithBomNoteAndStableHeader()
    {
        var client = await ClientAsync();

        var bytes = await client.GetByteArrayAsync("/api/households/import/template?format=csv");

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.StartsWith("填写说明", lines[0], StringComparison.Ordinal);
        Assert.Equal("网格代码*,户编号*,门牌地址*,单元,室,与户主关系,姓名*,证件类型,证件号码*,手机号,居住类型,特殊群体,工作单位,是否出租,房东姓名,房东电话", lines[1]);
    }

    [Fact]
    public async Task GetTemplate_Xlsx_HasTextColumnsHeaderOnRow2AndInstructions()
    {
        var client = await ClientAsync();

        var bytes = await client.GetByteArrayAsync("/api/households/import/template?format=xlsx");

        using var stream = new MemoryStream(bytes);
        Assert.Equal([ImportTemplate.DataSheet, ImportTemplate.InstructionsSheet], stream.GetSheetNames());
        var rows = stream.Query(useHeaderRow: false, sheetName: ImportTemplate.DataSheet).Cast<IDictionary<string, object?>>().ToList();
        Assert.StartsWith("填写说明", (string)rows[0]["A"]!, StringComparison.Ordinal);
        Assert.Equal(ImportColumns.All.Select(ImportColumns.Header), rows[1].Values.Cast<string>());
        var rules = stream.Query(useHeaderRow: true, sheetName: ImportTemplate.InstructionsSheet).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(ImportColumns.All.Select(c => c.Name), rules.Take(ImportColumns.All.Count).Select(r => (string)r["列名"]!));
        using var zip = new ZipArchive(new MemoryStream(bytes));
        using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        Assert.Contains("style=\"2\"", await sheet.ReadToEndAsync(), StringComparison.Ordinal); // columns formatted as text
    }

    [Fact]
    public async Task GetTemplate_XlsxUploadedEmpty_SaysThereAreNoRows()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var bytes = await client.GetByteArrayAsync("/api/households/import/template?format=xlsx");

        var response = await ImportFiles.PostAsync(client, bytes, "模板.xlsx");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("表头下面没有任何数据行", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTemplate_UnknownFormat_Returns400()
    {
        var client = await ClientAsync();

        var response = await client.GetAsync("/api/households/import/template?format=pdf");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("format", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
