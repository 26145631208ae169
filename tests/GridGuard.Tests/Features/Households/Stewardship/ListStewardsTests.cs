using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Households.Stewardship;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.Households.Stewardship;

[Collection(AppCollection.Name)]
public sealed class ListStewardsTests(AppFactory app)
{
    [Fact]
    public async Task ListStewards_UrbanGrid_GivesCountsLimitAndOverFlag()
    {
        var tree = await TestTree.CreateAsync(app);
        var grid = tree.UrbanGrid();
        var busy = await StewardshipData.StewardAsync(app, grid.Id, "忙碌");
        var calm = await StewardshipData.StewardAsync(app, tree.Village2.Id, "清闲");
        var outside = await StewardshipData.StewardAsync(app, tree.Grid3.Id, "外村");
        await StewardshipData.AddHouseholdsAsync(app, grid.Id, 13, busy.Id);
        await StewardshipData.AddHouseholdsAsync(app, grid.Id, 2, calm.Id);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, grid.Id)));

        var body = await client.GetFromJsonAsync<ListStewards.Response>($"/api/stewardship/stewards?jurisdictionId={grid.Id}", TestJson.Options);

        var stewards = body!.Stewards.ToDictionary(s => s.Id);
        Assert.DoesNotContain(outside.Id, stewards.Keys);
        Assert.Equal((13, 13, 12, true, true), (stewards[busy.Id].Households, stewards[busy.Id].HouseholdsHere,
            stewards[busy.Id].Limit, stewards[busy.Id].Over, stewards[busy.Id].CoversNode));
        Assert.Equal((2, false, true), (stewards[calm.Id].Households, stewards[calm.Id].Over, stewards[calm.Id].CoversNode));
    }

    [Fact]
    public async Task ListStewards_RuralVillage_ListsStewardsBelowWithRuralLimit()
    {
        var tree = await TestTree.CreateAsync(app);
        var steward = await StewardshipData.StewardAsync(app, tree.Grid1.Id);
        await StewardshipData.AddHouseholdsAsync(app, tree.Grid1.Id, 20, steward.Id);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));

        var body = await client.GetFromJsonAsync<ListStewards.Response>($"/api/stewardship/stewards?jurisdictionId={tree.Village1.Id}", TestJson.Options);

        var s = Assert.Single(body!.Stewards);
        Assert.Equal((steward.Id, 20, 20, true, false), (s.Id, s.Households, s.Limit, s.Over, s.CoversNode));
    }

    [Fact]
    public async Task ListStewards_OutOfScope_Returns404()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));

        var response = await client.GetAsync($"/api/stewardship/stewards?jurisdictionId={tree.Village3.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
