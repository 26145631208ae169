using System.Net;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.Households.Stewardship.Pages;

/// <summary>The stewardship pages as a phone browser without JavaScript uses them: GET, then post the SSR forms.</summary>
[Collection(AppCollection.Name)]
public sealed class StewardshipPagesTests(AppFactory app)
{
    private async Task<HttpClient> LeaderAsync(Guid villageId) =>
        await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, villageId)));

    [Fact]
    public async Task StewardshipPage_Grid_ListsHouseholdsStewardsCountsAndTheRosterLink()
    {
        var tree = await TestTree.CreateAsync(app);
        var steward = await StewardshipData.StewardAsync(app, tree.Grid1.Id, "孙包保");
        await StewardshipData.AddHouseholdAsync(app, tree.Grid1.Id, null, "7", null, steward.Id, new MemberSpec("周户主"));
        await StewardshipData.AddHouseholdAsync(app, tree.Grid1.Id, null, "9", null, null, new MemberSpec("吴户主"));
        var client = await LeaderAsync(tree.Village1.Id);

        var response = await client.GetAsync($"/stewardship?jurisdictionId={tree.Grid1.Id}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"联户包保 · {tree.Grid1.Name}", html, StringComparison.Ordinal);
        Assert.Contains("户主 吴户主", html, StringComparison.Ordinal);
        Assert.Contains("未分配", html, StringComparison.Ordinal);
        Assert.Contains("孙包保", html, StringComparison.Ordinal);
        Assert.Contains("共 <strong>1</strong>/20 户", html, StringComparison.Ordinal);
        Assert.Contains($"/api/stewardship/roster.xlsx?jurisdictionId={tree.Grid1.Id}", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/stewardship\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StewardshipPage_NodeOfAnotherVillage_Returns404()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await LeaderAsync(tree.Village1.Id);

        var response = await client.GetAsync($"/stewardship?jurisdictionId={tree.Village3.Id}");

        // The body is the status-code page (or the NotFound component): nothing of the other village.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(tree.Village3.Name, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssignStewardPage_PostForm_AssignsTheSteward()
    {
        var tree = await TestTree.CreateAsync(app);
        var steward = await StewardshipData.StewardAsync(app, tree.Grid1.Id, "郑包保");
        var household = (await StewardshipData.AddHouseholdsAsync(app, tree.Grid1.Id, 1))[0];
        var client = await LeaderAsync(tree.Village1.Id);
        var url = $"/stewardship/assign/{household}";
        var form = await Forms.GetFormAsync(client, url, "assign");
        form["Input.StewardId"] = steward.Id.ToString();

        var response = await Forms.PostAsync(client, url, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("已分配给 郑包保", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(steward.Id, await StewardshipData.StewardOfAsync(app, household));
    }

    [Fact]
    public async Task AssignStewardPage_Rural21st_ShowsTheRefusalAndChangesNothing()
    {
        var tree = await TestTree.CreateAsync(app);
        var steward = await StewardshipData.StewardAsync(app, tree.Grid1.Id);
        await StewardshipData.AddHouseholdsAsync(app, tree.Grid1.Id, 20, steward.Id);
        var household = (await StewardshipData.AddHouseholdsAsync(app, tree.Grid1.Id, 1))[0];
        var client = await LeaderAsync(tree.Village1.Id);
        var url = $"/stewardship/assign/{household}";
        var form = await Forms.GetFormAsync(client, url, "assign");
        form["Input.StewardId"] = steward.Id.ToString();

        var response = await Forms.PostAsync(client, url, form);

        Assert.Contains("农村每名责任人最多 20 户", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null(await StewardshipData.StewardOfAsync(app, household));
    }

    [Fact]
    public async Task AssignStewardPage_HouseholdOfAnotherVillage_Returns404()
    {
        var tree = await TestTree.CreateAsync(app);
        var household = (await StewardshipData.AddHouseholdsAsync(app, tree.Grid3.Id, 1))[0];
        var client = await LeaderAsync(tree.Village1.Id);

        var response = await client.GetAsync($"/stewardship/assign/{household}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task StewardshipPage_BulkForm_AssignsTheGroupsUnassignedHouseholds()
    {
        var tree = await TestTree.CreateAsync(app);
        var steward = await StewardshipData.StewardAsync(app, tree.Village1.Id, "冯包保");
        var other = await StewardshipData.StewardAsync(app, tree.Grid1.Id);
        var free = await StewardshipData.AddHouseholdsAsync(app, tree.Grid1.Id, 3);
        var taken = (await StewardshipData.AddHouseholdsAsync(app, tree.Grid1.Id, 1, other.Id))[0];
        var client = await LeaderAsync(tree.Village1.Id);
        var url = $"/stewardship?jurisdictionId={tree.Village1.Id}";
        var form = await Forms.GetFormAsync(client, url, "bulk");
        form["Input.TargetId"] = tree.RuralGroup().Id.ToString();
        form["Input.StewardId"] = steward.Id.ToString();

        var response = await Forms.PostAsync(client, url, form);

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("已分配给 冯包保：3 户", html, StringComparison.Ordinal);
        foreach (var id in free)
        {
            Assert.Equal(steward.Id, await StewardshipData.StewardOfAsync(app, id));
        }

        Assert.Equal(other.Id, await StewardshipData.StewardOfAsync(app, taken));
    }
}
