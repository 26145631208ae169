using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.Jurisdictions;

[Collection(AppCollection.Name)]
public sealed class SearchJurisdictionsTests(AppFactory app)
{
    [Fact]
    public async Task SearchJurisdictions_ByName_ReturnsOnlyNodesInScope()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.ApiClientAsync(user);

        // "大寨" is in the names of both rural villages' groups and grids; only village 1's are in scope.
        var body = await client.GetFromJsonAsync<SearchJurisdictions.Response>("/api/jurisdictions?q=大寨&pageSize=100", TestJson.Options);

        var codes = body!.Items.Select(i => i.Code).ToList();
        Assert.Equal([tree.Village1.Code + "001", tree.Grid1.Code], codes);
        Assert.Equal(2, body.Total);
        Assert.All(body.Items, i => Assert.StartsWith(tree.Village1.Code, i.Code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SearchJurisdictions_ByCodePrefix_ReturnsThatBranch()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id));
        var client = await app.ApiClientAsync(user);

        var body = await client.GetFromJsonAsync<SearchJurisdictions.Response>($"/api/jurisdictions?q={tree.Township2.Code}&pageSize=100", TestJson.Options);

        var expected = tree.Nodes.Values.Where(n => n.Code.StartsWith(tree.Township2.Code, StringComparison.Ordinal)).Select(n => n.Id).ToHashSet();
        Assert.Equal(expected, body!.Items.Select(i => i.Id).ToHashSet());
        Assert.Equal(tree.Township2.Id, body.Items[0].Id); // shallowest first
        Assert.Equal(tree.County.Name, body.Items[0].ParentName);
    }

    [Fact]
    public async Task SearchJurisdictions_LevelAndParentFilters_Narrow()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id));
        var client = await app.ApiClientAsync(user);

        var grids = await client.GetFromJsonAsync<SearchJurisdictions.Response>($"/api/jurisdictions?level=网格&pageSize=100", TestJson.Options);
        var children = await client.GetFromJsonAsync<SearchJurisdictions.Response>($"/api/jurisdictions?parentId={tree.Township1.Id}", TestJson.Options);
        var within = await client.GetFromJsonAsync<SearchJurisdictions.Response>($"/api/jurisdictions?within={tree.Village2.Id}&level=Grid", TestJson.Options);

        Assert.Equal(4, grids!.Total);
        Assert.All(grids.Items, i => Assert.Equal(JurisdictionLevel.Grid, i.Level));
        Assert.Equal([tree.Village2.Id, tree.Village1.Id], children!.Items.Select(i => i.Id).ToList());
        Assert.Equal(tree.Village2.Code + "001001001", Assert.Single(within!.Items).Code);
    }

    [Fact]
    public async Task SearchJurisdictions_Paged_ReturnsTheRequestedSlice()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id));
        var client = await app.ApiClientAsync(user);

        var all = await client.GetFromJsonAsync<SearchJurisdictions.Response>("/api/jurisdictions?pageSize=100", TestJson.Options);
        var page2 = await client.GetFromJsonAsync<SearchJurisdictions.Response>("/api/jurisdictions?page=2&pageSize=5", TestJson.Options);

        Assert.Equal(tree.Nodes.Count, all!.Total);
        Assert.Equal(tree.Nodes.Count, page2!.Total);
        Assert.Equal(all.Items.Skip(5).Take(5).Select(i => i.Id), page2.Items.Select(i => i.Id));
        Assert.Equal(2, page2.Page);
        Assert.Equal((tree.Nodes.Count + 4) / 5, page2.PageCount);
    }

    [Fact]
    public async Task SearchJurisdictions_DeactivatedNodes_OnlyWhenAskedFor()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id));
        var client = await app.ApiClientAsync(user);
        await client.PostAsync($"/api/jurisdictions/{tree.Village1.Id}/deactivate", null);

        var hidden = await client.GetFromJsonAsync<SearchJurisdictions.Response>($"/api/jurisdictions?q={tree.Village1.Code}", TestJson.Options);
        var shown = await client.GetFromJsonAsync<SearchJurisdictions.Response>($"/api/jurisdictions?q={tree.Village1.Code}&includeInactive=true", TestJson.Options);

        Assert.Empty(hidden!.Items);
        Assert.Equal(3, shown!.Total);
        Assert.All(shown.Items, i => Assert.False(i.IsActive));
    }

    [Fact]
    public async Task SearchJurisdictions_WithinAnotherVillage_FindsNothing()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.ApiClientAsync(user);

        var body = await client.GetFromJsonAsync<SearchJurisdictions.Response>($"/api/jurisdictions?within={tree.Village3.Id}", TestJson.Options);

        Assert.Empty(body!.Items);
    }

    [Theory]
    [InlineData("level=城堡", "level", "级别：无法识别")]
    [InlineData("pageSize=1000", "pageSize", "每页条数：")]
    [InlineData("page=0", "page", "页码：")]
    [InlineData("q=TOO_LONG", "q", "关键词：不能超过 100 个字")]
    public async Task SearchJurisdictions_BadQuery_Returns400NamingTheField(string query, string field, string message)
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.ApiClientAsync(user);
        query = query.Replace("TOO_LONG", new string('长', Jurisdiction.NameMaxLength + 1), StringComparison.Ordinal);

        var response = await client.GetAsync($"/api/jurisdictions?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        (await response.ErrorsAsync()).HasError(field, message);
    }
}
