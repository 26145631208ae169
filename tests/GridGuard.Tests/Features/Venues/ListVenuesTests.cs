using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Venues;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Infrastructure;
using static GridGuard.Tests.Features.Households.RegistryArrange;

namespace GridGuard.Tests.Features.Venues;

[Collection(AppCollection.Name)]
public sealed class ListVenuesTests(AppFactory app)
{
    private sealed record Arranged(TestTree Tree, HttpClient Client, string Tag, Guid Hotel, Guid Shop, Guid Closed, Guid Pharmacy);

    /// <summary>A county commander's venues: three in grid 1 (one closed) and one in grid 3, all named with one tag.</summary>
    private async Task<Arranged> ArrangeAsync()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id)));
        var tag = VenueData.NewTag();
        var hotel = await VenueData.RegisterAsync(client, tree.Grid1.Id, tag + "甲宾馆");
        var shop = await VenueData.RegisterAsync(client, tree.Grid1.Id, tag + "甲超市", b => b["kind"] = "Supermarket");
        var closed = await VenueData.RegisterAsync(client, tree.Grid1.Id, tag + "乙餐馆", b => b["kind"] = "Restaurant");
        var pharmacy = await VenueData.RegisterAsync(client, tree.Grid3.Id, tag + "甲药店", b => b["kind"] = "Pharmacy");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/venues/{closed}/deactivate", null)).StatusCode);
        return new Arranged(tree, client, tag, hotel, shop, closed, pharmacy);
    }

    private static IEnumerable<Guid> Ids(ListVenues.Response r) => r.Items.Select(i => i.Id).Order();

    [Fact]
    public async Task ListVenues_NodeFilter_ListsTheSubtree()
    {
        var a = await ArrangeAsync();

        var grid = await VenueData.ListAsync(a.Client, $"node={a.Tree.Grid1.Id}");
        var township = await VenueData.ListAsync(a.Client, $"node={a.Tree.Township1.Id}");
        var county = await VenueData.ListAsync(a.Client, $"node={a.Tree.County.Id}");

        Assert.Equal(new[] { a.Hotel, a.Shop, a.Closed }.Order(), Ids(grid));
        Assert.Equal(Ids(grid), Ids(township));
        Assert.Equal(new[] { a.Hotel, a.Shop, a.Closed, a.Pharmacy }.Order(), Ids(county));
        Assert.Equal("大寨第一网格", grid.NodeName);
        Assert.Equal("甲镇丙村委会 · 大寨第一网格", grid.Items.First(i => i.Id == a.Hotel).GridName);
    }

    [Fact]
    public async Task ListVenues_KindPrefixAndActiveFilters_Narrow()
    {
        var a = await ArrangeAsync();
        var node = $"node={a.Tree.County.Id}";

        var hotels = await VenueData.ListAsync(a.Client, $"{node}&kind=Hotel");
        var byLabel = await VenueData.ListAsync(a.Client, $"{node}&kind={Uri.EscapeDataString("宾馆酒店")}");
        var prefix = await VenueData.ListAsync(a.Client, $"{node}&q={Uri.EscapeDataString(a.Tag + "甲")}");
        var closed = await VenueData.ListAsync(a.Client, $"{node}&active=false");
        var open = await VenueData.ListAsync(a.Client, $"node={a.Tree.Grid1.Id}&active=true");

        Assert.Equal([a.Hotel], Ids(hotels));
        Assert.Equal([a.Hotel], Ids(byLabel));
        Assert.Equal(new[] { a.Hotel, a.Shop, a.Pharmacy }.Order(), Ids(prefix));
        Assert.Equal([a.Closed], Ids(closed));
        Assert.Equal((false, "已停用"), (closed.Items[0].IsActive, closed.Items[0].StatusLabel));
        Assert.Equal(new[] { a.Hotel, a.Shop }.Order(), Ids(open));
    }

    [Fact]
    public async Task ListVenues_Counts_PerKindUnderTheNodeWithTheActiveFilter()
    {
        var a = await ArrangeAsync();

        var all = await VenueData.ListAsync(a.Client, $"node={a.Tree.Grid1.Id}&kind=Hotel");
        var open = await VenueData.ListAsync(a.Client, $"node={a.Tree.Grid1.Id}&active=true");

        // The kind filter narrows the items, not the summary row.
        Assert.Equal(
            [(VenueKind.Hotel, "宾馆酒店", 1), (VenueKind.Restaurant, "餐饮", 1), (VenueKind.Supermarket, "商超", 1)],
            all.Counts.Select(c => (c.Kind, c.KindLabel, c.Count)));
        Assert.Equal([VenueKind.Hotel, VenueKind.Supermarket], open.Counts.Select(c => c.Kind));
    }

    [Fact]
    public async Task ListVenues_Paging_ByNameWithoutOverlapOrGap()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));
        var tag = VenueData.NewTag();
        var ids = new List<Guid>();
        foreach (var n in new[] { "5", "3", "1", "4", "2" })
        {
            ids.Add(await VenueData.RegisterAsync(client, tree.Grid1.Id, tag + n));
        }

        var q = $"q={Uri.EscapeDataString(tag)}&limit=2";
        var pages = new[]
        {
            await VenueData.ListAsync(client, q),
            await VenueData.ListAsync(client, q + "&page=2"),
            await VenueData.ListAsync(client, q + "&page=3"),
        };
        var beyond = await VenueData.ListAsync(client, q + "&page=99");

        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => tag + i), pages.SelectMany(p => p.Items).Select(i => i.Name));
        Assert.All(pages, p => Assert.Equal((5, 3, 2), (p.Total, p.PageCount, p.Limit)));
        Assert.Equal((3, tag + "5"), (beyond.Page, beyond.Items.Single().Name));
    }

    [Fact]
    public async Task ListVenues_EmptyActive_MeansNoFilterAndABadOneIsAChineseError()
    {
        var a = await ArrangeAsync();

        var all = await VenueData.ListAsync(a.Client, $"node={a.Tree.County.Id}&active=");
        var bad = await a.Client.GetAsync($"/api/venues?node={a.Tree.County.Id}&active=maybe");

        Assert.Contains(a.Closed, Ids(all));
        Assert.Contains(a.Hotel, Ids(all));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.StartsWith("状态：“maybe”无法识别", (await Problem.ReadAsync(bad)).For("active"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListVenues_UnknownKind_Returns400()
    {
        var g = await TwoGridsAsync(app);

        var response = await g.A.GetAsync("/api/venues?kind=Casino");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("类型：“Casino”无法识别", (await Problem.ReadAsync(response)).For("kind"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Venues_GridManagerOfA_CannotSeeListExportOrEditGridBsVenues()
    {
        var g = await TwoGridsAsync(app);
        var tag = VenueData.NewTag();
        var ours = await VenueData.RegisterAsync(g.A, g.Tree.Grid1.Id, tag + "甲");
        var theirs = await VenueData.RegisterAsync(g.B, g.Tree.Grid3.Id, tag + "乙");

        var list = await VenueData.ListAsync(g.A, "q=" + Uri.EscapeDataString(tag));
        var listB = await g.A.GetAsync($"/api/venues?node={g.Tree.Grid3.Id}");
        var get = await g.A.GetAsync($"/api/venues/{theirs}");
        var export = await g.A.GetAsync($"/api/venues/export.xlsx?node={g.Tree.Grid3.Id}");
        var exportAll = await g.A.GetByteArrayAsync("/api/venues/export.xlsx?q=" + Uri.EscapeDataString(tag));
        var edit = await g.A.PutAsJsonAsync($"/api/venues/{theirs}", VenueData.Body(g.Tree.Grid1.Id, "抢来的"));
        var deactivate = await g.A.PostAsync($"/api/venues/{theirs}/deactivate", null);

        Assert.Equal([ours], Ids(list));
        Assert.Equal(
            [HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound],
            new[] { listB.StatusCode, get.StatusCode, export.StatusCode, edit.StatusCode, deactivate.StatusCode });
        Assert.Equal([tag + "甲"], Export.ExportVenuesTests.Rows(exportAll).Select(r => (string?)r["场所名称"]));
        var stillTheirs = await VenueData.GetAsync(g.B, theirs);
        Assert.Equal((tag + "乙", true, g.Tree.Grid3.Id), (stillTheirs.Name, stillTheirs.IsActive, stillTheirs.JurisdictionId));
    }
}
