using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.Jurisdictions;

[Collection(AppCollection.Name)]
public sealed class GetJurisdictionTests(AppFactory app)
{
    [Fact]
    public async Task GetJurisdiction_OwnVillage_ReturnsNodeWithChildren()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.ApiClientAsync(user);

        var body = await client.GetFromJsonAsync<GetJurisdiction.Response>($"/api/jurisdictions/{tree.Village1.Id}", TestJson.Options);

        Assert.Equal(tree.Village1.Code, body!.Node.Code);
        Assert.Contains(body.Children, c => c.Code == tree.Village1.Code + "001");
    }

    [Fact]
    public async Task GetJurisdiction_AnotherVillage_Returns404Not403()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.ApiClientAsync(user);

        var sibling = await client.GetAsync($"/api/jurisdictions/{tree.Village2.Id}");
        var parent = await client.GetAsync($"/api/jurisdictions/{tree.Township1.Id}");

        Assert.Equal(HttpStatusCode.NotFound, sibling.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, parent.StatusCode);
    }

    [Theory]
    [InlineData(JurisdictionLevel.County)]
    [InlineData(JurisdictionLevel.Township)]
    [InlineData(JurisdictionLevel.Village)]
    [InlineData(JurisdictionLevel.Grid)]
    public async Task GetJurisdiction_UserAtLevel_SeesOwnSubtreeOnly(JurisdictionLevel level)
    {
        var tree = await TestTree.CreateAsync(app);
        var home = level switch
        {
            JurisdictionLevel.County => tree.County,
            JurisdictionLevel.Township => tree.Township1,
            JurisdictionLevel.Village => tree.Village1,
            _ => tree.Grid1,
        };
        var user = await TestUsers.CreateAsync(app, (Role.GridManager, home.Id));
        var client = await app.ApiClientAsync(user);

        foreach (var node in tree.Nodes.Values)
        {
            var inside = node.Path.StartsWith(home.Path, StringComparison.Ordinal);
            var response = await client.GetAsync($"/api/jurisdictions/{node.Id}");
            Assert.True(response.StatusCode == (inside ? HttpStatusCode.OK : HttpStatusCode.NotFound),
                $"{level} user, node {node.Code}: expected {(inside ? 200 : 404)}, got {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task GetJurisdiction_RolesAtTwoVillages_SeesUnionOfSubtrees()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.Steward, tree.Village1.Id), (Role.Volunteer, tree.Village3.Id));
        var client = await app.ApiClientAsync(user);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/jurisdictions/{tree.Grid1.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/jurisdictions/{tree.Grid3.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/jurisdictions/{tree.Village2.Id}")).StatusCode);
    }
}
