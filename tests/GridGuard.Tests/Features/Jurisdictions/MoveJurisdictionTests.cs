using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Jurisdictions;

[Collection(AppCollection.Name)]
public sealed class MoveJurisdictionTests(AppFactory app)
{
    [Fact]
    public async Task MoveJurisdiction_VillageToAnotherTownship_RewritesTheWholeSubtreeAndKeepsCodes()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id));
        var client = await app.ApiClientAsync(user);
        var village = tree.Village2; // community → compound → building → grid
        var oldPath = village.Path;
        var newPath = tree.Township2.Path + village.Code + "/";

        var response = await client.PostAsJsonAsync($"/api/jurisdictions/{village.Id}/move", new { newParentId = tree.Township2.Id });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var moved = await app.NodeAsync(village.Id);
        Assert.Equal(tree.Township2.Id, moved!.ParentId);
        Assert.Equal(newPath, moved.Path);
        Assert.Equal(village.Code, moved.Code);
        var below = tree.Nodes.Values.Where(n => n.Path.StartsWith(oldPath, StringComparison.Ordinal) && n.Id != village.Id).ToList();
        Assert.Equal(3, below.Count);
        foreach (var before in below)
        {
            var after = await app.NodeAsync(before.Id);
            Assert.Equal(newPath + before.Path[oldPath.Length..], after!.Path);
            Assert.Equal(before.Depth, after.Depth);
            Assert.Equal(before.Code, after.Code);
        }

        var audit = await app.AuditOfAsync(village.Id);
        Assert.Contains(audit, a => a.Action == AuditAction.Modified && a.Changes.Contains("ParentId", StringComparison.Ordinal));
        var bulk = Assert.Single(audit, a => a.Action == AuditAction.Bulk);
        Assert.Equal("Move", bulk.EntityId);
        Assert.Contains("\"descendants\":3", bulk.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoveJurisdiction_GroupUpToTheTownship_ChangesDepthOfDescendants()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id));
        var client = await app.ApiClientAsync(user);
        var building = tree.Nodes[tree.Village2.Code + "001001"];
        var grid = tree.Nodes[building.Code + "001"];

        var response = await client.PostAsJsonAsync($"/api/jurisdictions/{building.Id}/move",
            new { newParentCode = tree.Village2.Code });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(building.Depth - 1, (await app.NodeAsync(building.Id))!.Depth);
        var movedGrid = await app.NodeAsync(grid.Id);
        Assert.Equal(grid.Depth - 1, movedGrid!.Depth);
        Assert.Equal(tree.Village2.Path + building.Code + "/" + grid.Code + "/", movedGrid.Path);
    }

    [Theory]
    [InlineData("self")]
    [InlineData("child")]
    [InlineData("grandchild")]
    public async Task MoveJurisdiction_UnderItselfOrItsDescendant_RefusedAsCycleAndNothingChanges(string target)
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id));
        var client = await app.ApiClientAsync(user);
        var node = tree.Township1;
        var targetId = target switch
        {
            "self" => node.Id,
            "child" => tree.Village1.Id,
            _ => tree.Grid1.Id,
        };

        var response = await client.PostAsJsonAsync($"/api/jurisdictions/{node.Id}/move", new { newParentId = targetId });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        (await response.ErrorsAsync()).HasError("newParentCode", "会形成循环");
        await AssertUnchangedAsync(tree);
    }

    [Fact]
    public async Task MoveJurisdiction_TargetNotAboveTheNodesLevel_Refused()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id));
        var client = await app.ApiClientAsync(user);

        var response = await client.PostAsJsonAsync($"/api/jurisdictions/{tree.Village1.Id}/move", new { newParentId = tree.Village3.Id });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        (await response.ErrorsAsync()).HasError("newParentCode", "村（社区）不能位于村（社区）之下");
        await AssertUnchangedAsync(tree);
    }

    [Fact]
    public async Task MoveJurisdiction_VillageOfficerInAnotherVillage_Returns404()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.ApiClientAsync(user);
        var otherGroup = tree.Nodes[tree.Village3.Code + "001"];

        var response = await client.PostAsJsonAsync($"/api/jurisdictions/{otherGroup.Id}/move", new { newParentId = tree.Village1.Id });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AssertUnchangedAsync(tree);
    }

    [Fact]
    public async Task MoveJurisdiction_TargetOutsideTheUsersScope_RefusedWithoutSayingWhy()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id));
        var client = await app.ApiClientAsync(user);

        var response = await client.PostAsJsonAsync($"/api/jurisdictions/{tree.Village1.Id}/move",
            new { newParentCode = tree.Township2.Code });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        (await response.ErrorsAsync()).HasError("newParentCode", "不存在或不在您的管辖范围内");
        await AssertUnchangedAsync(tree);
    }

    [Fact]
    public async Task MoveJurisdiction_TargetInScopeButNotEditable_Refused()
    {
        var tree = await TestTree.CreateAsync(app);
        // Editor of township 1, but only a volunteer in township 2: may see it, may not put nodes under it.
        var user = await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id), (Role.Volunteer, tree.Township2.Id));
        var client = await app.ApiClientAsync(user);

        var response = await client.PostAsJsonAsync($"/api/jurisdictions/{tree.Village1.Id}/move", new { newParentId = tree.Township2.Id });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        (await response.ErrorsAsync()).HasError("newParentCode", "您无权调整");
        await AssertUnchangedAsync(tree);
    }

    [Fact]
    public async Task MoveJurisdiction_OwnHomeNode_Returns403()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id), (Role.VillageOfficer, tree.Village3.Id));
        var client = await app.ApiClientAsync(user);

        var response = await client.PostAsJsonAsync($"/api/jurisdictions/{tree.Village1.Id}/move", new { newParentId = tree.Village3.Id });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertUnchangedAsync(tree);
    }

    [Theory]
    [InlineData(null, "不能为空")]
    [InlineData("53x", "只能由数字组成")]
    [InlineData("999999999999999999999999999", "不能超过 24 位")]
    [InlineData("999999", "不存在或不在您的管辖范围内")]
    public async Task MoveJurisdiction_BadTargetCode_Returns400NamingTheField(string? code, string message)
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id));
        var client = await app.ApiClientAsync(user);

        var response = await client.PostAsJsonAsync($"/api/jurisdictions/{tree.Village1.Id}/move", new { newParentCode = code });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await response.ErrorsAsync();
        errors.HasError("newParentCode", "目标上级：");
        errors.HasError("newParentCode", message);
        await AssertUnchangedAsync(tree);
    }

    [Fact]
    public async Task MoveJurisdiction_UnderDeactivatedTarget_Refused()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id));
        var client = await app.ApiClientAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/jurisdictions/{tree.Township2.Id}/deactivate", null)).StatusCode);

        var response = await client.PostAsJsonAsync($"/api/jurisdictions/{tree.Village1.Id}/move", new { newParentId = tree.Township2.Id });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        (await response.ErrorsAsync()).HasError("newParentCode", "已停用");
        Assert.Equal(tree.Village1.Path, (await app.NodeAsync(tree.Village1.Id))!.Path);
    }

    /// <summary>Every node of the test tree still has its parent, path and depth.</summary>
    private async Task AssertUnchangedAsync(TestTree tree)
    {
        var ids = tree.Nodes.Values.Select(n => n.Id).ToList();
        var stored = await app.WithDbAsync(db => db.Jurisdictions.AsNoTracking().Where(j => ids.Contains(j.Id)).ToListAsync());
        Assert.Equal(ids.Count, stored.Count);
        foreach (var node in stored)
        {
            var before = tree.Nodes[node.Code];
            Assert.Equal((before.ParentId, before.Path, before.Depth), (node.ParentId, node.Path, node.Depth));
        }
    }
}
