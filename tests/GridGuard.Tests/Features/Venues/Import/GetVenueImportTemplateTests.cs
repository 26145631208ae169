using System.Net;
using System.Text;
using GridGuard.Features.Venues.Import;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using MiniExcelLibs;

namespace GridGuard.Tests.Features.Venues.Import;

[Collection(AppCollection.Name)]
public sealed class GetVenueImportTemplateTests(AppFactory app)
{
    private async Task<HttpClient> ClientAsync()
    {
        var tree = await TestTree.CreateAsync(app);
        return await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));
    }

    [Fact]
    public async Task GetVenueImportTemplate_Xlsx_HasTheNoteThenTheHeaderRowAndTheInstructions()
    {
        var client = await ClientAsync();

        var bytes = await client.GetByteArrayAsync("/api/venues/import/template?format=xlsx");

        using var stream = new MemoryStream(bytes);
        Assert.Equal([VenueColumns.DataSheet, "填写说明"], stream.GetSheetNames());
        var rows = stream.Query(useHeaderRow: false, sheetName: VenueColumns.DataSheet)
            .Select(r => ((IDictionary<string, object?>)r).Values.Select(v => v?.ToString()).ToList()).ToList();
        Assert.StartsWith("填写说明：每行一个场所", rows[0][0], StringComparison.Ordinal);
        Assert.Equal(["网格代码*", "场所名称*", "类型*", "地址", "负责人*", "联系电话", "外地员工数"], rows[1]);
    }

    [Fact]
    public async Task GetVenueImportTemplate_Csv_IsUtf8WithBomAndTheHeaderOnLineTwo()
    {
        var client = await ClientAsync();

        var response = await client.GetAsync("/api/venues/import/template?format=csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal(VenueFiles.Header, lines[1]);
    }

    [Fact]
    public async Task GetVenueImportTemplate_UnknownFormat_Returns400()
    {
        var client = await ClientAsync();

        var response = await client.GetAsync("/api/venues/import/template?format=pdf");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
