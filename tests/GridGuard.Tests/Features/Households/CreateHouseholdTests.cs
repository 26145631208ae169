using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Households;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static GridGuard.Tests.Features.Households.RegistryArrange;

namespace GridGuard.Tests.Features.Households;

[Collection(AppCollection.Name)]
public sealed class CreateHouseholdTests(AppFactory app)
{
    [Fact]
    public async Task CreateHousehold_InOwnGrid_IsShownWithItsPlaceInTheTree()
    {
        var g = await TwoGridsAsync(app);

        var response = await g.A.PostAsJsonAsync("/api/households", new
        {
            jurisdictionId = g.Tree.Grid1.Id,
            address = "大寨村 3 号",
            room = "2",
            isRental = true,
            landlordName = "房东老刘",
            landlordPhone = "+86 138 0000 2222",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<CreateHousehold.Created>(TestJson.Options))!.Id;
        var h = await g.A.GetFromJsonAsync<GetHousehold.Response>($"/api/households/{id}", TestJson.Options);
        Assert.Equal([g.Tree.Village1.Name, "大寨小组", g.Tree.Grid1.Name], h!.Places.Select(p => p.Name));
        Assert.Equal("大寨村 3 号 2室", h.Address);
        Assert.Equal("13800002222", h.LandlordPhone);
        Assert.True(h.CanEdit);
        Assert.False(h.CanViewIdNumbers);
    }

    [Fact]
    public async Task CreateHousehold_EmptyAddress_Returns400NamingTheAddress()
    {
        var g = await TwoGridsAsync(app);

        var response = await g.A.PostAsJsonAsync("/api/households", new { jurisdictionId = g.Tree.Grid1.Id, address = " " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("地址：不能为空", (await Problem.ReadAsync(response)).For("Address"));
    }

    [Fact]
    public async Task CreateHousehold_BadLandlordPhone_Returns400NamingIt()
    {
        var g = await TwoGridsAsync(app);

        var response = await g.A.PostAsJsonAsync("/api/households", new
        {
            jurisdictionId = g.Tree.Grid1.Id,
            address = "某路 1 号",
            isRental = true,
            landlordPhone = "12345",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("房东电话：", (await Problem.ReadAsync(response)).For("LandlordPhone"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateHousehold_GridOutsideScope_Returns400AndWritesNothing()
    {
        var g = await TwoGridsAsync(app);
        var address = "越界路" + Guid.NewGuid().ToString("N")[..6];

        var response = await g.A.PostAsJsonAsync("/api/households", new { jurisdictionId = g.Tree.Grid3.Id, address });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("不在您的管辖范围内", (await Problem.ReadAsync(response)).For("JurisdictionId"), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Households.AnyAsync(h => h.Address == address)));
    }

    [Fact]
    public async Task CreateHousehold_VillageInsteadOfGrid_Returns400()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));

        var response = await client.PostAsJsonAsync("/api/households", new { jurisdictionId = tree.Village1.Id, address = "某路 1 号" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请选择网格", (await Problem.ReadAsync(response)).For("JurisdictionId"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateHousehold_StewardInScope_Returns403()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id)));

        var response = await client.PostAsJsonAsync("/api/households", new { jurisdictionId = tree.Grid1.Id, address = "某路 1 号" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task CreateHouseholdPage_ValidForm_RedirectsToTheNewHousehold()
    {
        var g = await TwoGridsAsync(app);
        var page = await app.PageClientAsync(g.UserA);
        var address = "页面路" + Guid.NewGuid().ToString("N")[..6];
        var form = await Forms.GetFormAsync(page, "/households/new", "create-household");
        form["Input.JurisdictionId"] = g.Tree.Grid1.Id.ToString();
        form["Input.Address"] = address;

        var response = await Forms.PostAsync(page, "/households/new", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = await app.WithDbAsync(db => db.Households.Where(h => h.Address == address).Select(h => h.Id).SingleAsync());
        Assert.EndsWith($"/households/{id}", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateHouseholdPage_EmptyAddress_ShowsChineseMessage()
    {
        var g = await TwoGridsAsync(app);
        var page = await app.PageClientAsync(g.UserA);
        var form = await Forms.GetFormAsync(page, "/households/new", "create-household");
        form["Input.JurisdictionId"] = g.Tree.Grid1.Id.ToString();
        form["Input.Address"] = "";

        var response = await Forms.PostAsync(page, "/households/new", form);

        Assert.Contains("地址：不能为空", await response.TextAsync(), StringComparison.Ordinal);
    }
}
