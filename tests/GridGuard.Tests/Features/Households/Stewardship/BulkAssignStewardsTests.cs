using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Households.Stewardship;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static GridGuard.Features.Households.Stewardship.BulkAssignStewards;

namespace GridGuard.Tests.Features.Households.Stewardship;

[Collection(AppCollection.Name)]
public sealed class BulkAssignStewardsTests(AppFactory app)
{
    private async Task<HttpClient> LeaderAsync(Guid villageId) =>
        await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, villageId)));

    private Task<Dictionary<Guid, Guid?>> StewardsOfAsync(IEnumerable<Guid> ids)
    {
        var list = ids.ToList();
        return app.WithDbAsync(db => db.Households.AsNoTracking().Where(h => list.Contains(h.Id))
            .ToDictionaryAsync(h => h.Id, h => h.StewardId));
    }

    [Fact]
    public async Task BulkAssign_RuralGroupOnlyUnassigned_AssignsUpTo20AndRefusesTheRest()
    {
        var tree = await TestTree.CreateAsync(app);
        var steward = await StewardshipData.StewardAsync(app, tree.Village1.Id);
        var other = await StewardshipData.StewardAsync(app, tree.Grid1.Id);
        var free = await StewardshipData.AddHouseholdsAsync(app, tree.Grid1.Id, 22);
        var taken = (await StewardshipData.AddHouseholdsAsync(app, tree.Grid1.Id, 1, other.Id))[0];
        var client = await LeaderAsync(tree.Village1.Id);

        var response = await client.PostAsJsonAsync("/api/stewardship/bulk",
            new { jurisdictionId = tree.RuralGroup().Id, stewardId = steward.Id, onlyUnassigned = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<Response>(TestJson.Options))!;
        Assert.Equal((20, 0, 2, 0, 20), (body.Assigned, body.Warned, body.Refused, body.Unchanged, body.StewardHouseholds));
        Assert.Equal(free.Order().ToList(), body.Rows.Select(r => r.HouseholdId).Order().ToList());
        Assert.All(body.Rows.Where(r => r.Outcome == RowOutcome.Refused),
            r => Assert.Contains("最多 20 户", r.Message, StringComparison.Ordinal));
        var stored = await StewardsOfAsync(free.Append(taken));
        Assert.Equal(20, free.Count(id => stored[id] == steward.Id));
        Assert.Equal(2, free.Count(id => stored[id] is null));
        Assert.Equal(other.Id, stored[taken]);
        var refused = body.Rows.Where(r => r.Outcome == RowOutcome.Refused).Select(r => r.HouseholdId);
        Assert.All(refused, id => Assert.Null(stored[id]));
    }

    [Fact]
    public async Task BulkAssign_UrbanBuildingAll_ReplacesStewardsAndWarnsAbove12()
    {
        var tree = await TestTree.CreateAsync(app);
        var grid = tree.UrbanGrid();
        var steward = await StewardshipData.StewardAsync(app, tree.Village2.Id);
        var other = await StewardshipData.StewardAsync(app, grid.Id);
        var free = await StewardshipData.AddHouseholdsAsync(app, grid.Id, 12);
        var taken = await StewardshipData.AddHouseholdsAsync(app, grid.Id, 2, other.Id);
        var client = await LeaderAsync(tree.Village2.Id);

        var response = await client.PostAsJsonAsync("/api/stewardship/bulk",
            new { jurisdictionId = tree.UrbanBuilding().Id, stewardId = steward.Id, onlyUnassigned = false });

        var body = (await response.Content.ReadFromJsonAsync<Response>(TestJson.Options))!;
        Assert.Equal((12, 2, 0, 14), (body.Assigned, body.Warned, body.Refused, body.StewardHouseholds));
        Assert.All(body.Rows.Where(r => r.Outcome == RowOutcome.Warned),
            r => Assert.Contains("提醒线", r.Message, StringComparison.Ordinal));
        var stored = await StewardsOfAsync(free.Concat(taken));
        Assert.All(stored.Values, s => Assert.Equal(steward.Id, s));
    }

    [Fact]
    public async Task BulkAssign_OnlyUnassignedTwice_SecondRunTouchesNothing()
    {
        var tree = await TestTree.CreateAsync(app);
        var steward = await StewardshipData.StewardAsync(app, tree.Grid1.Id);
        await StewardshipData.AddHouseholdsAsync(app, tree.Grid1.Id, 3);
        var client = await LeaderAsync(tree.Village1.Id);
        var request = new { jurisdictionId = tree.Grid1.Id, stewardId = steward.Id, onlyUnassigned = true };

        await client.PostAsJsonAsync("/api/stewardship/bulk", request);
        var second = (await (await client.PostAsJsonAsync("/api/stewardship/bulk", request)).Content.ReadFromJsonAsync<Response>(TestJson.Options))!;

        Assert.Empty(second.Rows);
        Assert.Equal(3, second.StewardHouseholds);
    }

    [Fact]
    public async Task BulkAssign_NodeInAnotherVillage_Returns404AndChangesNothing()
    {
        var tree = await TestTree.CreateAsync(app);
        var steward = await StewardshipData.StewardAsync(app, tree.Grid3.Id);
        var households = await StewardshipData.AddHouseholdsAsync(app, tree.Grid3.Id, 2);
        var client = await LeaderAsync(tree.Village1.Id);

        var response = await client.PostAsJsonAsync("/api/stewardship/bulk",
            new { jurisdictionId = tree.Grid3.Id, stewardId = steward.Id, onlyUnassigned = true });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.All((await StewardsOfAsync(households)).Values, Assert.Null);
    }

    [Fact]
    public async Task BulkAssign_UserWithoutStewardRole_Returns400NamingTheField()
    {
        var tree = await TestTree.CreateAsync(app);
        var manager = await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id));
        var households = await StewardshipData.AddHouseholdsAsync(app, tree.Grid1.Id, 2);
        var client = await LeaderAsync(tree.Village1.Id);

        var response = await client.PostAsJsonAsync("/api/stewardship/bulk",
            new { jurisdictionId = tree.Grid1.Id, stewardId = manager.Id, onlyUnassigned = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("包户责任人：", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.All((await StewardsOfAsync(households)).Values, Assert.Null);
    }

    [Fact]
    public async Task BulkAssign_StewardOfOneGridOverWholeVillage_RefusesHouseholdsOfOtherGrids()
    {
        var tree = await TestTree.CreateAsync(app);
        var steward = await StewardshipData.StewardAsync(app, tree.Grid1.Id);
        var own = await StewardshipData.AddHouseholdsAsync(app, tree.Grid1.Id, 2);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id)));
        var urban = await StewardshipData.AddHouseholdsAsync(app, tree.UrbanGrid().Id, 1);

        var byVillage = (await (await client.PostAsJsonAsync("/api/stewardship/bulk",
            new { jurisdictionId = tree.Village1.Id, stewardId = steward.Id, onlyUnassigned = true }))
            .Content.ReadFromJsonAsync<Response>(TestJson.Options))!;
        var byCommunity = (await (await client.PostAsJsonAsync("/api/stewardship/bulk",
            new { jurisdictionId = tree.Village2.Id, stewardId = steward.Id, onlyUnassigned = true }))
            .Content.ReadFromJsonAsync<Response>(TestJson.Options))!;

        Assert.Equal(2, byVillage.Assigned);
        Assert.Equal((0, 1), (byCommunity.Assigned, byCommunity.Refused));
        Assert.Null((await StewardsOfAsync(urban))[urban[0]]);
        Assert.All((await StewardsOfAsync(own)).Values, s => Assert.Equal(steward.Id, s));
    }

    [Fact]
    public async Task BulkAssign_Township_Returns400()
    {
        var tree = await TestTree.CreateAsync(app);
        var steward = await StewardshipData.StewardAsync(app, tree.Township1.Id);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id)));

        var response = await client.PostAsJsonAsync("/api/stewardship/bulk",
            new { jurisdictionId = tree.Township1.Id, stewardId = steward.Id, onlyUnassigned = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("辖区：", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
