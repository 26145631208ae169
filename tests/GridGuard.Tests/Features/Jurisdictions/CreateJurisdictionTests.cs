using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.Jurisdictions;

[Collection(AppCollection.Name)]
public sealed class CreateJurisdictionTests(AppFactory app)
{
    [Fact]
    public async Task CreateJurisdiction_CompoundInOwnVillage_Returns201AndStoresTheNode()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.ApiClientAsync(user);
        var code = tree.Village1.Code + "002";

        var response = await client.PostAsJsonAsync("/api/jurisdictions",
            new { parentId = tree.Village1.Id, code, name = " 小寨小组 ", level = "Compound" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<GetJurisdiction.NodeDto>(TestJson.Options);
        Assert.Equal($"/api/jurisdictions/{body!.Id}", response.Headers.Location!.OriginalString);
        var stored = await app.NodeAsync(body.Id);
        Assert.Equal("小寨小组", stored!.Name);
        Assert.Equal(JurisdictionLevel.Compound, stored.Level);
        Assert.Equal(tree.Village1.Id, stored.ParentId);
        Assert.Equal(tree.Village1.Path + code + "/", stored.Path);
        Assert.Equal(tree.Village1.Depth + 1, stored.Depth);
        Assert.Equal(Settlement.Rural, stored.Settlement);
        Assert.True(stored.IsActive);
        Assert.Contains(await app.AuditOfAsync(body.Id), a => a.Action == GridGuard.Platform.Audit.AuditAction.Added);
    }

    [Fact]
    public async Task CreateJurisdiction_VillageNamedCommunity_IsUrban()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id));
        var client = await app.ApiClientAsync(user);

        var response = await client.PostAsJsonAsync("/api/jurisdictions",
            new { parentId = tree.Township1.Id, code = tree.Township1.Code + "002", name = "新城社区", level = "村" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await app.NodeByCodeAsync(tree.Township1.Code + "002");
        Assert.Equal(JurisdictionLevel.Village, stored!.Level);
        Assert.Equal(Settlement.Urban, stored.Settlement);
    }

    [Fact]
    public async Task CreateJurisdiction_InAnotherVillage_Returns404AndWritesNothing()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.ApiClientAsync(user);
        var code = tree.Village3.Code + "009";

        var response = await client.PostAsJsonAsync("/api/jurisdictions",
            new { parentId = tree.Village3.Id, code, name = "越权小组", level = "Compound" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await app.NodeByCodeAsync(code));
    }

    [Fact]
    public async Task CreateJurisdiction_RoleThatDoesNotEditTheTree_Returns403()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.GridManager, tree.Village1.Id));
        var client = await app.ApiClientAsync(user);
        var code = tree.Village1.Code + "009";

        var response = await client.PostAsJsonAsync("/api/jurisdictions",
            new { parentId = tree.Village1.Id, code, name = "无权小组", level = "Compound" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await app.NodeByCodeAsync(code));
    }

    [Theory]
    [InlineData("002", "", "Compound", "name", "名称：不能为空")] // empty
    [InlineData("002", "   ", "Compound", "name", "名称：不能为空")] // blank is empty
    [InlineData("002", "TOO_LONG", "Compound", "name", "名称：不能超过 100 个字")] // too long
    [InlineData("", "某小组", "Compound", "code", "代码：不能为空")] // empty code
    [InlineData("00a", "某小组", "Compound", "code", "代码：只能由数字组成")] // wrong format
    [InlineData("0021", "某小组", "Compound", "code", "应为上级代码加 3 位")] // own levels add exactly 3 digits
    [InlineData("OTHER", "某小组", "Compound", "code", "不是上级代码“")] // does not extend the parent's code
    [InlineData("001", "某小组", "Compound", "code", "”已存在")] // duplicate: the village's first group has 001
    [InlineData("002", "某村", "Village", "level", "级别：村（社区）不能位于村（社区）之下")] // level not below parent
    [InlineData("002", "某小组", "城堡", "level", "级别：无法识别")] // unknown level
    [InlineData("002", "某小组", "", "level", "级别：不能为空")] // empty level
    public async Task CreateJurisdiction_BadInput_Returns400NamingTheFieldAndWritesNothing(
        string suffix, string name, string level, string field, string message)
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.ApiClientAsync(user);
        var code = suffix == "OTHER" ? tree.Village3.Code + "002" : suffix.Length == 0 ? "" : tree.Village1.Code + suffix;
        name = name == "TOO_LONG" ? new string('长', Jurisdiction.NameMaxLength + 1) : name;
        var before = await app.NodeByCodeAsync(code);

        var response = await client.PostAsJsonAsync("/api/jurisdictions",
            new { parentId = tree.Village1.Id, code, name, level });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        (await response.ErrorsAsync()).HasError(field, message);
        var after = await app.NodeByCodeAsync(code);
        Assert.Equal(before?.Id, after?.Id);
        Assert.Equal(before?.Name, after?.Name);
    }

    [Fact]
    public async Task CreateJurisdiction_UnderDeactivatedParent_Returns400()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id));
        var client = await app.ApiClientAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/jurisdictions/{tree.Village1.Id}/deactivate", null)).StatusCode);
        var code = tree.Village1.Code + "002";

        var response = await client.PostAsJsonAsync("/api/jurisdictions",
            new { parentId = tree.Village1.Id, code, name = "某小组", level = "Compound" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        (await response.ErrorsAsync()).HasError("parentId", "已停用");
        Assert.Null(await app.NodeByCodeAsync(code));
    }
}
