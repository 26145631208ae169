using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Canvassing;
using GridGuard.Features.Canvassing.Coverage;
using GridGuard.Features.Households;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.Canvassing;

[Collection(AppCollection.Name)]
public sealed class CoverageTests(AppFactory app)
{
    /// <summary>
    /// County canvass running; in township 1's grid: a stewarded household (visited) and an unstewarded one; in township
    /// 2's grid: an unstewarded household without an address. Persons: an 85-year-old, a 10-year-old, a 2-year-old, one
    /// with a recorded chronic disease, and one without a household.
    /// </summary>
    private async Task<(TestTree Tree, HttpClient Client, Guid Visited, Guid Unstewarded, Guid Far, Person Elder, Person Homeless)> ArrangeAsync()
    {
        var tree = await TestTree.CreateAsync(app);
        var today = Registry.Today(app);
        var steward = await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id));
        await Registry.CanvassAsync(app, tree.County, today.AddDays(-5), today.AddDays(5), "全县排查");
        var visited = await Registry.HouseholdAsync(app, tree.Grid1, "甲 1 号", steward.Id);
        var unstewarded = await Registry.HouseholdAsync(app, tree.Grid1, "甲 2 号");
        var far = await Registry.HouseholdAsync(app, tree.Grid3, address: null);
        var elder = await Registry.PersonAsync(app, tree.Grid1, visited, "老人甲", today.AddYears(-85));
        await Registry.PersonAsync(app, tree.Grid1, unstewarded, "儿童乙", today.AddYears(-10));
        await Registry.PersonAsync(app, tree.Grid3, far, "幼儿丙", today.AddYears(-2));
        await Registry.PersonAsync(app, tree.Grid3, far, "病人丁", today.AddYears(-45), VulnerableGroup.ChronicDisease);
        var homeless = await Registry.PersonAsync(app, tree.Grid1, null, "无户戊", today.AddYears(-30));
        var manager = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));
        var visit = await manager.PostAsJsonAsync("/api/canvassing/visits", new
        {
            householdId = visited,
            members = new object[] { new { personId = elder.Id, presence = "Present", temperature = 36.5 } },
        });
        Assert.Equal(HttpStatusCode.Created, visit.StatusCode);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id)));
        return (tree, client, visited, unstewarded, far, elder, homeless);
    }

    [Fact]
    public async Task Coverage_TreeYouBuild_CountsEachKindForNodeAndChildren()
    {
        var (tree, client, _, _, _, _, _) = await ArrangeAsync();

        var body = await client.GetFromJsonAsync<GetCoverage.Response>($"/api/canvassing/coverage/{tree.County.Id}", TestJson.Options);

        var total = body!.Node.Metrics;
        Assert.Equal((3, 5, 2, 1, 1, 2), (total.Households, total.Persons, total.HouseholdsWithoutSteward,
            total.HouseholdsWithoutAddress, total.PersonsWithoutHousehold, total.HouseholdsUnvisited!.Value));
        Assert.Equal(new Dictionary<string, int>
        {
            ["Elderly60"] = 1,
            ["Elderly80"] = 1,
            ["ChronicDisease"] = 1,
            ["Infant"] = 1,
            ["Child14"] = 2,
        }.OrderBy(p => p.Key), total.VulnerableGroups.OrderBy(p => p.Key));
        Assert.Equal("全县排查", body.CurrentCanvass!.Name);
        var t1 = body.Children.Single(c => c.JurisdictionId == tree.Township1.Id).Metrics;
        var t2 = body.Children.Single(c => c.JurisdictionId == tree.Township2.Id).Metrics;
        Assert.Equal((2, 1, 1, 1), (t1.Households, t1.HouseholdsWithoutSteward, t1.HouseholdsUnvisited!.Value, t1.PersonsWithoutHousehold));
        Assert.Equal((1, 1, 1, 0), (t2.Households, t2.HouseholdsWithoutSteward, t2.HouseholdsUnvisited!.Value, t2.PersonsWithoutHousehold));
        Assert.Equal(1, t1.VulnerableGroups["Elderly80"]);
        Assert.Equal(1, t2.VulnerableGroups["Infant"]);
        Assert.False(t2.VulnerableGroups.ContainsKey("Elderly80"));
    }

    [Theory]
    [InlineData("unstewarded", "", 2)]
    [InlineData("unvisited", "", 2)]
    [InlineData("noaddress", "", 1)]
    [InlineData("homeless", "", 1)]
    [InlineData("group", "&group=Elderly80", 1)]
    [InlineData("group", "&group=Child14", 2)]
    [InlineData("group", "&group=ChronicDisease", 1)]
    public async Task CoverageList_EachKind_ListsTheRecordsBehindTheNumber(string kind, string extra, int expected)
    {
        var (tree, client, visited, unstewarded, far, elder, homeless) = await ArrangeAsync();

        var body = await client.GetFromJsonAsync<GetCoverageList.Response>(
            $"/api/canvassing/coverage/{tree.County.Id}/list?kind={kind}{extra}", TestJson.Options);

        var ids = (body!.Households?.Items.Select(h => h.Id) ?? body.Persons!.Items.Select(p => p.Id)).ToList();
        Assert.Equal(expected, ids.Count);
        switch (kind)
        {
            case "unvisited":
                Assert.Equal([unstewarded, far], ids.Order());
                Assert.DoesNotContain(visited, ids);
                break;
            case "unstewarded":
                Assert.DoesNotContain(visited, ids);
                break;
            case "noaddress":
                Assert.Equal(far, ids[0]);
                break;
            case "homeless":
                Assert.Equal(homeless.Id, ids[0]);
                Assert.Equal(IdNumbers.Mask(homeless.IdNumber), body.Persons!.Items[0].IdNumberMasked);
                break;
            case "group" when extra.Contains("Elderly80", StringComparison.Ordinal):
                Assert.Equal(elder.Id, ids[0]);
                break;
        }
    }

    [Fact]
    public async Task Coverage_NewerCanvassInAVillage_HouseholdsThereCountAgainstIt()
    {
        var (tree, client, visited, _, _, _, _) = await ArrangeAsync();
        var today = Registry.Today(app);
        await Registry.CanvassAsync(app, tree.Village1, today, today.AddDays(3), "村级复查");

        var county = await client.GetFromJsonAsync<GetCoverage.Response>($"/api/canvassing/coverage/{tree.County.Id}", TestJson.Options);
        var village = await client.GetFromJsonAsync<GetCoverage.Response>($"/api/canvassing/coverage/{tree.Village1.Id}", TestJson.Options);
        var list = await client.GetFromJsonAsync<GetCoverageList.Response>($"/api/canvassing/coverage/{tree.Village1.Id}/list?kind=unvisited", TestJson.Options);

        Assert.Equal(3, county!.Node.Metrics.HouseholdsUnvisited);
        Assert.Equal("村级复查", Assert.Single(county.CanvassesBelow).Name);
        Assert.Equal("村级复查", village!.CurrentCanvass!.Name);
        Assert.Equal(2, village.Node.Metrics.HouseholdsUnvisited);
        Assert.Contains(visited, list!.Households!.Items.Select(h => h.Id));
    }

    [Fact]
    public async Task Coverage_NoCanvassRunning_UnvisitedIsNull()
    {
        var tree = await TestTree.CreateAsync(app);
        await Registry.HouseholdAsync(app, tree.Grid1);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));

        var body = await client.GetFromJsonAsync<GetCoverage.Response>($"/api/canvassing/coverage/{tree.Village1.Id}", TestJson.Options);

        Assert.Null(body!.CurrentCanvass);
        Assert.Null(body.Node.Metrics.HouseholdsUnvisited);
        Assert.Equal(1, body.Node.Metrics.Households);
    }

    [Fact]
    public async Task Coverage_GridManagerOfAnotherGrid_Returns404OnApiAndPages()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id));
        var api = await app.ApiClientAsync(user);
        var pages = await app.PageClientAsync(user);

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/canvassing/coverage/{tree.Grid1.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/canvassing/coverage/{tree.Grid3.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/canvassing/coverage/{tree.Village1.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/canvassing/coverage/{tree.Grid3.Id}/list?kind=unvisited")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.GetAsync($"/coverage/{tree.Grid3.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.GetAsync($"/coverage/{tree.Grid3.Id}/list?kind=homeless")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pages.GetAsync($"/coverage/{tree.Grid1.Id}")).StatusCode);
    }

    [Fact]
    public async Task CoverageList_UnknownKind_ChineseError()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));

        var response = await client.GetAsync($"/api/canvassing/coverage/{tree.Village1.Id}/list?kind=everything");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("名单类型", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coverage_OpenAndConfirmedFlags_CountAsKeyPersonsButClearedDoNot()
    {
        var (tree, client, _, _, _, elder, homeless) = await ArrangeAsync();
        var child = await Registry.PersonAsync(app, tree.Grid1, null, "清除己", Registry.Today(app).AddYears(-40));
        await app.WithDbAsync(async db =>
        {
            db.KeyPersonFlags.AddRange(
                new() { PersonId = elder.Id, Category = KeyPersonCategory.Returnee, JurisdictionId = tree.Grid1.Id, Status = FlagStatus.Confirmed },
                new() { PersonId = homeless.Id, Category = KeyPersonCategory.Returnee, JurisdictionId = tree.Grid1.Id, Status = FlagStatus.Open },
                new() { PersonId = child.Id, Category = KeyPersonCategory.Returnee, JurisdictionId = tree.Grid1.Id, Status = FlagStatus.Cleared });
            await db.SaveChangesAsync();
        });

        var body = await client.GetFromJsonAsync<GetCoverage.Response>($"/api/canvassing/coverage/{tree.Grid1.Id}", TestJson.Options);

        Assert.Equal(2, body!.Node.Metrics.KeyPersons);
        Assert.Equal(2, body.Node.Metrics.KeyPersonsByCategory["Returnee"]);
    }
}
