using System.Net;
using GridGuard.Features.Quarantine.Export;
using GridGuard.Tests.Infrastructure;
using MiniExcelLibs;

namespace GridGuard.Tests.Features.Quarantine.Export;

[Collection(AppCollection.Name)]
public sealed class ExportOccupancyTests(AppFactory app)
{
    [Fact]
    public async Task ExportOccupancy_SiteWithOnePerson_OneRowPerRoomWithTheOccupant()
    {
        var v = await SiteKit.VillagesAsync(app);
        var (site, rooms) = await SiteKit.ActiveSiteAsync(v.A, v.Tree.Village1.Id, "101-102");
        await SiteKit.PlaceAsync(v.A, site, rooms["102"], await SiteKit.PersonAsync(app, v.Tree.Grid1.Id, "=表格人"));

        var response = await v.A.GetAsync($"/api/quarantine-sites/{site}/occupancy.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExportOccupancy.ContentType, response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>()
            .Select(r => (Room: r["房间号"]?.ToString(), Status: r["状态"]?.ToString(), Person: r["在住人员"]?.ToString()))
            .ToList();
        // A name that starts like a formula is written as text (SafeCell).
        Assert.Equal([("101", "空闲", ""), ("102", "在住", "'=表格人")], rows.Select(r => (r.Room, r.Status, r.Person ?? "")));
        Assert.Equal(HttpStatusCode.NotFound, (await v.B.GetAsync($"/api/quarantine-sites/{site}/occupancy.xlsx")).StatusCode);
    }
}
