using System.Net;
using GridGuard.Features.Venues.Export;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using MiniExcelLibs;

namespace GridGuard.Tests.Features.Venues.Export;

[Collection(AppCollection.Name)]
public sealed class ExportVenuesTests(AppFactory app)
{
    /// <summary>The data rows of an exported workbook, keyed by the header row's names.</summary>
    public static List<Dictionary<string, object?>> Rows(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        return stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX)
            .Select(r => new Dictionary<string, object?>((IDictionary<string, object?>)r))
            .ToList();
    }

    [Fact]
    public async Task ExportVenues_Filtered_IsAnXlsxWithTheColumnsAndFormulaTextNeutralised()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var tag = VenueData.NewTag();
        await VenueData.RegisterAsync(client, tree.Grid1.Id, "=HYPERLINK(\"http://x\")" + tag, b =>
        {
            b["address"] = "@SUM(A1)";
            b["responsibleName"] = "+王五";
            b["responsiblePhone"] = "0877-2123456";
            b["nonLocalStaff"] = 12;
        });
        var closed = await VenueData.RegisterAsync(client, tree.Grid1.Id, tag + "旧药店", b => b["kind"] = "药店");
        await client.PostAsync($"/api/venues/{closed}/deactivate", null);
        await VenueData.RegisterAsync(client, tree.Grid1.Id, tag + "超市", b => b["kind"] = "Supermarket");

        var response = await client.GetAsync($"/api/venues/export.xlsx?node={tree.Grid1.Id}&kind=&q=");
        var pharmacies = Rows(await client.GetByteArrayAsync($"/api/venues/export.xlsx?node={tree.Grid1.Id}&kind=Pharmacy"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExportVenues.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("重点场所清单_大寨第一网格_", Uri.UnescapeDataString(response.Content.Headers.ContentDisposition!.FileNameStar!), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var rows = Rows(bytes);
        Assert.Equal(VenueRow.Headers, rows[0].Keys);
        Assert.Equal(3, rows.Count);
        var formula = Assert.Single(rows, r => ((string)r["场所名称"]!).Contains(tag, StringComparison.Ordinal) && ((string)r["场所名称"]!).StartsWith('\''));
        Assert.Equal("'=HYPERLINK(\"http://x\")" + tag, formula["场所名称"]);
        Assert.Equal(("'@SUM(A1)", "'+王五", "0877-2123456", "宾馆酒店", "在用", "甲镇丙村委会 · 大寨第一网格"),
            ((string?)formula["地址"], (string?)formula["负责人"], (string?)formula["联系电话"], (string?)formula["类型"],
                (string?)formula["状态"], (string?)formula["网格"]));
        Assert.Equal(12d, Convert.ToDouble(formula["外地员工数"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(rows, r => (string?)r["场所名称"] == tag + "旧药店" && (string?)r["状态"] == "已停用");
        Assert.Equal([tag + "旧药店"], pharmacies.Select(r => (string?)r["场所名称"]));
    }

    [Fact]
    public async Task ExportVenues_UnknownNode_Returns404()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));

        var response = await client.GetAsync($"/api/venues/export.xlsx?node={Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
