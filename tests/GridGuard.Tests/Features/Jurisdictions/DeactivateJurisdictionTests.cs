using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.Jurisdictions;

/// <summary>Deactivation and reactivation: never a delete, the whole subtree follows, pickers and search skip them.</summary>
[Collection(AppCollection.Name)]
public sealed class DeactivateJurisdictionTests(AppFactory app)
{
    [Fact]
    public async Task DeactivateJurisdiction_Village_MarksTheSubtreeAndKeepsEveryRow()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id));
        var client = await app.ApiClientAsync(user);
        var subtree = tree.Nodes.Values.Where(n => n.Path.StartsWith(tree.Village2.Path, StringComparison.Ordinal)).ToList();

        var response = await client.PostAsync($"/api/jurisdictions/{tree.Village2.Id}/deactivate", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await response.Content.ReadFromJsonAsync<GetJurisdiction.NodeDto>(TestJson.Options))!.IsActive);
        foreach (var node in subtree)
        {
            Assert.False((await app.NodeAsync(node.Id))!.IsActive, node.Code);
        }

        Assert.True((await app.NodeAsync(tree.Village1.Id))!.IsActive);
        var detail = await client.GetFromJsonAsync<GetJurisdiction.Response>($"/api/jurisdictions/{tree.Village2.Id}", TestJson.Options);
        Assert.False(detail!.Node.IsActive);
        var audit = await app.AuditOfAsync(tree.Village2.Id);
        Assert.Contains(audit, a => a.Action == AuditAction.Modified && a.Changes.Contains("IsActive", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Action == AuditAction.Bulk && a.EntityId == "Deactivate");
    }

    [Fact]
    public async Task DeactivateJurisdiction_Twice_IsHarmless()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id));
        var client = await app.ApiClientAsync(user);

        await client.PostAsync($"/api/jurisdictions/{tree.Village1.Id}/deactivate", null);
        var again = await client.PostAsync($"/api/jurisdictions/{tree.Village1.Id}/deactivate", null);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False((await app.NodeAsync(tree.Village1.Id))!.IsActive);
    }

    [Fact]
    public async Task DeactivateJurisdiction_OwnHomeNode_Returns403()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.ApiClientAsync(user);

        var response = await client.PostAsync($"/api/jurisdictions/{tree.Village1.Id}/deactivate", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True((await app.NodeAsync(tree.Village1.Id))!.IsActive);
    }

    [Fact]
    public async Task DeactivateJurisdiction_InAnotherVillage_Returns404()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.ApiClientAsync(user);

        var response = await client.PostAsync($"/api/jurisdictions/{tree.Grid3.Id}/deactivate", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True((await app.NodeAsync(tree.Grid3.Id))!.IsActive);
    }

    [Fact]
    public async Task ReactivateJurisdiction_NodeOnly_LeavesChildrenDeactivated()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id));
        var client = await app.ApiClientAsync(user);
        var group = tree.Nodes[tree.Village1.Code + "001"];
        await client.PostAsync($"/api/jurisdictions/{tree.Village1.Id}/deactivate", null);

        var response = await client.PostAsync($"/api/jurisdictions/{tree.Village1.Id}/reactivate", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await app.NodeAsync(tree.Village1.Id))!.IsActive);
        Assert.False((await app.NodeAsync(group.Id))!.IsActive);
    }

    [Fact]
    public async Task ReactivateJurisdiction_WithDescendants_ReactivatesTheSubtree()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id));
        var client = await app.ApiClientAsync(user);
        await client.PostAsync($"/api/jurisdictions/{tree.Village1.Id}/deactivate", null);

        var response = await client.PostAsync($"/api/jurisdictions/{tree.Village1.Id}/reactivate?includeDescendants=true", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await app.NodeAsync(tree.Grid1.Id))!.IsActive);
        Assert.True((await app.NodeAsync(tree.Nodes[tree.Village1.Code + "001"].Id))!.IsActive);
    }

    [Fact]
    public async Task ReactivateJurisdiction_UnderDeactivatedParent_Returns400()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id));
        var client = await app.ApiClientAsync(user);
        await client.PostAsync($"/api/jurisdictions/{tree.Village1.Id}/deactivate", null);

        var response = await client.PostAsync($"/api/jurisdictions/{tree.Grid1.Id}/reactivate", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        (await response.ErrorsAsync()).HasError("isActive", "请先启用上级");
        Assert.False((await app.NodeAsync(tree.Grid1.Id))!.IsActive);
    }

    [Fact]
    public async Task DeactivateJurisdiction_UsersHeldThere_LoseTheirScope()
    {
        var tree = await TestTree.CreateAsync(app);
        var officer = await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id));
        var villager = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var villagerClient = await app.ApiClientAsync(villager);
        Assert.Equal(HttpStatusCode.OK, (await villagerClient.GetAsync($"/api/jurisdictions/{tree.Village1.Id}")).StatusCode);

        await (await app.ApiClientAsync(officer)).PostAsync($"/api/jurisdictions/{tree.Village1.Id}/deactivate", null);

        Assert.Equal(HttpStatusCode.NotFound, (await villagerClient.GetAsync($"/api/jurisdictions/{tree.Village1.Id}")).StatusCode);
    }
}
