using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.Jurisdictions;

[Collection(AppCollection.Name)]
public sealed class RenameJurisdictionTests(AppFactory app)
{
    [Fact]
    public async Task Audit_RenameThroughTheApi_IsLoggedWithOldAndNewValue()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.ApiClientAsync(user);
        var oldName = tree.Grid1.Name;

        var response = await client.PutAsJsonAsync($"/api/jurisdictions/{tree.Grid1.Id}/name", new { name = "新寨第一网格" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("新寨第一网格", (await response.Content.ReadFromJsonAsync<GetJurisdiction.NodeDto>(TestJson.Options))!.Name);
        Assert.Equal("新寨第一网格", (await app.NodeAsync(tree.Grid1.Id))!.Name);
        var entry = Assert.Single(await app.AuditOfAsync(tree.Grid1.Id), a => a.Action == AuditAction.Modified);
        Assert.Equal(nameof(Jurisdiction), entry.Entity);
        Assert.Equal(tree.Grid1.Id.ToString(), entry.EntityId);
        Assert.Equal(user.Id, entry.UserId);
        using var changes = JsonDocument.Parse(entry.Changes);
        var name = changes.RootElement.GetProperty("Name");
        Assert.Equal(oldName, name[0].GetString());
        Assert.Equal("新寨第一网格", name[1].GetString());
    }

    [Fact]
    public async Task RenameJurisdiction_Patch_RenamesAndTrims()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id));
        var client = await app.ApiClientAsync(user);

        var response = await client.PatchAsJsonAsync($"/api/jurisdictions/{tree.Village1.Id}/name", new { name = "  丙村  " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("丙村", (await app.NodeAsync(tree.Village1.Id))!.Name);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task RenameJurisdiction_InAnotherVillage_Returns404AndKeepsTheName(string method)
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.ApiClientAsync(user);

        using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/jurisdictions/{tree.Grid3.Id}/name")
        {
            Content = JsonContent.Create(new { name = "越权改名" }),
        };
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(tree.Grid3.Name, (await app.NodeAsync(tree.Grid3.Id))!.Name);
    }

    [Fact]
    public async Task RenameJurisdiction_RoleThatDoesNotEditTheTree_Returns403()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.Steward, tree.Village1.Id));
        var client = await app.ApiClientAsync(user);

        var response = await client.PutAsJsonAsync($"/api/jurisdictions/{tree.Grid1.Id}/name", new { name = "无权改名" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(tree.Grid1.Name, (await app.NodeAsync(tree.Grid1.Id))!.Name);
    }

    [Theory]
    [InlineData("", "名称：不能为空")]
    [InlineData("   ", "名称：不能为空")]
    [InlineData(null, "名称：不能为空")]
    [InlineData("TOO_LONG", "名称：不能超过 100 个字")]
    public async Task RenameJurisdiction_BadName_Returns400AndKeepsTheName(string? name, string message)
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.ApiClientAsync(user);
        name = name == "TOO_LONG" ? new string('长', Jurisdiction.NameMaxLength + 1) : name;

        var response = await client.PutAsJsonAsync($"/api/jurisdictions/{tree.Grid1.Id}/name", new { name });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        (await response.ErrorsAsync()).HasError("name", message);
        Assert.Equal(tree.Grid1.Name, (await app.NodeAsync(tree.Grid1.Id))!.Name);
    }
}
