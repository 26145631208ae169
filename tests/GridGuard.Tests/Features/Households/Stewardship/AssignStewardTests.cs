using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridGuard.Features.Households.Stewardship;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Households.Stewardship;

[Collection(AppCollection.Name)]
public sealed class AssignStewardTests(AppFactory app)
{
    private static readonly JsonSerializerOptions Json = TestJson.Options;

    private async Task<HttpClient> LeaderAsync(Guid villageId) =>
        await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, villageId)));

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, Guid householdId, Guid stewardId) =>
        client.PutAsJsonAsync($"/api/households/{householdId}/steward", new { stewardId });

    [Fact]
    public async Task AssignSteward_VillageLeaderInScope_SetsStewardAndAuditsOldToNew()
    {
        var tree = await TestTree.CreateAsync(app);
        var first = await StewardshipData.StewardAsync(app, tree.Grid1.Id);
        var second = await StewardshipData.StewardAsync(app, tree.Village1.Id);
        var household = (await StewardshipData.AddHouseholdsAsync(app, tree.Grid1.Id, 1))[0];
        var client = await LeaderAsync(tree.Village1.Id);

        var r1 = await PutAsync(client, household, first.Id);
        var r2 = await PutAsync(client, household, second.Id);

        Assert.Equal(HttpStatusCode.OK, r1.StatusCode);
        var body = await r2.Content.ReadFromJsonAsync<AssignSteward.Response>(Json);
        Assert.Equal((first.Id, second.Id, CapOutcome.Ok), (body!.OldStewardId!.Value, body.StewardId, body.Outcome));
        Assert.Equal(second.Id, await StewardshipData.StewardOfAsync(app, household));
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == "Household" && a.EntityId == household.ToString() && a.Action == AuditAction.Modified)
            .OrderBy(a => a.Id)
            .Select(a => new { a.Changes, a.JurisdictionId })
            .ToListAsync());
        Assert.Equal(2, audit.Count);
        var change = JsonDocument.Parse(audit[1].Changes).RootElement.GetProperty("StewardId");
        Assert.Equal((first.Id.ToString(), second.Id.ToString()), (change[0].GetString(), change[1].GetString()));
        Assert.Equal(tree.Grid1.Id, audit[1].JurisdictionId);
    }

    [Fact]
    public async Task AssignSteward_HouseholdInAnotherVillage_Returns404AndChangesNothing()
    {
        var tree = await TestTree.CreateAsync(app);
        var steward = await StewardshipData.StewardAsync(app, tree.Grid3.Id);
        var household = (await StewardshipData.AddHouseholdsAsync(app, tree.Grid3.Id, 1))[0];
        var client = await LeaderAsync(tree.Village1.Id);

        var response = await PutAsync(client, household, steward.Id);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await StewardshipData.StewardOfAsync(app, household));
    }

    [Fact]
    public async Task AssignSteward_UserWithoutStewardRole_Returns400NamingTheField()
    {
        var tree = await TestTree.CreateAsync(app);
        var manager = await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id));
        var household = (await StewardshipData.AddHouseholdsAsync(app, tree.Grid1.Id, 1))[0];
        var client = await LeaderAsync(tree.Village1.Id);

        var response = await PutAsync(client, household, manager.Id);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("包户责任人：", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await StewardshipData.StewardOfAsync(app, household));
    }

    [Fact]
    public async Task AssignSteward_StewardOfAnotherGrid_Returns400()
    {
        var tree = await TestTree.CreateAsync(app);
        var elsewhere = await StewardshipData.StewardAsync(app, tree.UrbanGrid().Id);
        var household = (await StewardshipData.AddHouseholdsAsync(app, tree.Grid1.Id, 1))[0];
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id)));

        var response = await PutAsync(client, household, elsewhere.Id);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await StewardshipData.StewardOfAsync(app, household));
    }

    [Fact]
    public async Task AssignSteward_GridManagerWhoSeesTheHousehold_Returns403()
    {
        var tree = await TestTree.CreateAsync(app);
        var steward = await StewardshipData.StewardAsync(app, tree.Grid1.Id);
        var household = (await StewardshipData.AddHouseholdsAsync(app, tree.Grid1.Id, 1))[0];
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));

        var response = await PutAsync(client, household, steward.Id);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await StewardshipData.StewardOfAsync(app, household));
    }

    [Fact]
    public async Task AssignSteward_Urban13thHousehold_SucceedsWithWarning()
    {
        var tree = await TestTree.CreateAsync(app);
        var grid = tree.UrbanGrid();
        var steward = await StewardshipData.StewardAsync(app, grid.Id);
        await StewardshipData.AddHouseholdsAsync(app, grid.Id, 12, steward.Id);
        var household = (await StewardshipData.AddHouseholdsAsync(app, grid.Id, 1))[0];
        var client = await LeaderAsync(tree.Village2.Id);

        var response = await PutAsync(client, household, steward.Id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<AssignSteward.Response>(Json);
        Assert.Equal((CapOutcome.Warned, 13), (body!.Outcome, body.StewardHouseholds));
        Assert.Contains("提醒线 12 户", body.Warning, StringComparison.Ordinal);
        Assert.Equal(steward.Id, await StewardshipData.StewardOfAsync(app, household));
    }

    [Fact]
    public async Task AssignSteward_Urban12thHousehold_SucceedsWithoutWarning()
    {
        var tree = await TestTree.CreateAsync(app);
        var grid = tree.UrbanGrid();
        var steward = await StewardshipData.StewardAsync(app, grid.Id);
        await StewardshipData.AddHouseholdsAsync(app, grid.Id, 11, steward.Id);
        var household = (await StewardshipData.AddHouseholdsAsync(app, grid.Id, 1))[0];
        var client = await LeaderAsync(tree.Village2.Id);

        var body = await (await PutAsync(client, household, steward.Id)).Content.ReadFromJsonAsync<AssignSteward.Response>(Json);

        Assert.Equal((CapOutcome.Ok, 12, (string?)null), (body!.Outcome, body.StewardHouseholds, body.Warning));
    }

    [Fact]
    public async Task AssignSteward_Rural21stHousehold_Returns400InChineseAndChangesNothing()
    {
        var tree = await TestTree.CreateAsync(app);
        var steward = await StewardshipData.StewardAsync(app, tree.Grid1.Id);
        await StewardshipData.AddHouseholdsAsync(app, tree.Grid1.Id, 20, steward.Id);
        var household = (await StewardshipData.AddHouseholdsAsync(app, tree.Grid1.Id, 1))[0];
        var client = await LeaderAsync(tree.Village1.Id);

        var response = await PutAsync(client, household, steward.Id);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("农村每名责任人最多 20 户", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await StewardshipData.StewardOfAsync(app, household));
    }

    [Fact]
    public async Task AssignSteward_EightAssignmentsRaceForTheLastThreeRuralPlaces_ExactlyThreeSucceed()
    {
        var tree = await TestTree.CreateAsync(app);
        var steward = await StewardshipData.StewardAsync(app, tree.Grid1.Id);
        await StewardshipData.AddHouseholdsAsync(app, tree.Grid1.Id, 17, steward.Id);
        var households = await StewardshipData.AddHouseholdsAsync(app, tree.Grid1.Id, 8);
        var client = await LeaderAsync(tree.Village1.Id);

        var responses = await Task.WhenAll(households.Select(h => PutAsync(client, h, steward.Id)));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(20, await app.WithDbAsync(db => db.Households.CountAsync(h => h.StewardId == steward.Id)));
    }

    [Fact]
    public async Task AssignSteward_Rural21stWithCountyOverride_SucceedsWithWarning()
    {
        var tree = await TestTree.CreateAsync(app);
        var steward = await StewardshipData.StewardAsync(app, tree.Grid1.Id);
        await StewardshipData.AddHouseholdsAsync(app, tree.Grid1.Id, 20, steward.Id);
        var household = (await StewardshipData.AddHouseholdsAsync(app, tree.Grid1.Id, 1))[0];
        var leader = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        using var overridden = app.WithWebHostBuilder(b => b.UseSetting("Stewardship:RuralOverride", "true"));
        var client = overridden.CreateClient();
        var token = await (await client.PostAsJsonAsync("/api/auth/token", new { userName = leader.UserName, password = leader.Password }))
            .Content.ReadFromJsonAsync<JsonElement>(TestJson.Options);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());

        var response = await PutAsync(client, household, steward.Id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<AssignSteward.Response>(Json);
        Assert.Equal((CapOutcome.Warned, 21), (body!.Outcome, body.StewardHouseholds));
        Assert.Equal(steward.Id, await StewardshipData.StewardOfAsync(app, household));
    }
}
