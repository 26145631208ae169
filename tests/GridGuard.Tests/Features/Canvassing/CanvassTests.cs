using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Canvassing;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Canvassing;

[Collection(AppCollection.Name)]
public sealed class CanvassTests(AppFactory app)
{
    [Fact]
    public async Task CreateCanvass_VillageOfficer_CreatedAndCurrentForItsGrids()
    {
        var tree = await TestTree.CreateAsync(app);
        var today = Registry.Today(app);
        var officer = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var manager = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));

        var response = await officer.PostAsJsonAsync("/api/canvassing/canvasses",
            new { name = "  春节返乡排查  ", jurisdictionId = tree.Village1.Id, startsOn = today, endsOn = today });
        var list = await manager.GetFromJsonAsync<ListCanvasses.Response>($"/api/canvassing/canvasses?jurisdictionId={tree.Grid1.Id}", TestJson.Options);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<CreateCanvass.CanvassDto>(TestJson.Options);
        Assert.Equal(("春节返乡排查", true), (created!.Name, created.IsActive));
        var row = Assert.Single(list!.Canvasses);
        Assert.Equal((created.Id, true), (row.Id, row.IsCurrent));
        Assert.False(list.CanCreate);
    }

    [Fact]
    public async Task CreateCanvass_GridManager_Returns403AndWritesNothing()
    {
        var tree = await TestTree.CreateAsync(app);
        var today = Registry.Today(app);
        var manager = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Village1.Id)));

        var response = await manager.PostAsJsonAsync("/api/canvassing/canvasses",
            new { name = "越权排查", jurisdictionId = tree.Village1.Id, startsOn = today, endsOn = today });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Canvasses.AnyAsync(c => c.JurisdictionId == tree.Village1.Id)));
    }

    [Fact]
    public async Task CreateCanvass_OutsideScope_Returns404()
    {
        var tree = await TestTree.CreateAsync(app);
        var today = Registry.Today(app);
        var officer = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));

        var response = await officer.PostAsJsonAsync("/api/canvassing/canvasses",
            new { name = "别村排查", jurisdictionId = tree.Village3.Id, startsOn = today, endsOn = today });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task CreateCanvass_EndsBeforeStartsAndNoName_ChineseErrors()
    {
        var tree = await TestTree.CreateAsync(app);
        var today = Registry.Today(app);
        var officer = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));

        var response = await officer.PostAsJsonAsync("/api/canvassing/canvasses",
            new { name = " ", jurisdictionId = tree.Village1.Id, startsOn = today, endsOn = today.AddDays(-1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(TestJson.Options);
        Assert.Equal(["名称：不能为空"], problem!.Errors["name"]);
        Assert.Equal(["结束日期：不能早于开始日期"], problem.Errors["endsOn"]);
    }

    [Fact]
    public async Task CanvassesPage_OfficerPostsForm_CanvassCreated()
    {
        var tree = await TestTree.CreateAsync(app);
        var today = Registry.Today(app);
        var client = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village2.Id)));
        var url = $"/canvasses?jurisdictionId={tree.Village2.Id}";
        var form = await Forms.GetFormAsync(client, url, "create-canvass");
        form["Input.Name"] = "社区摸排";
        form["Input.StartsOn"] = today.ToString("yyyy-MM-dd", null);
        form["Input.EndsOn"] = today.AddDays(7).ToString("yyyy-MM-dd", null);

        var response = await Forms.PostAsync(client, url, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("已发起排查：社区摸排", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.Canvasses.AnyAsync(c => c.JurisdictionId == tree.Village2.Id && c.Name == "社区摸排")));
    }

    [Fact]
    public async Task NavMenu_SignedInUser_LinksToCoverageOfHomeNode()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));

        // A grid worker's home is the task inbox (/ redirects there); the menu is the same on every page.
        var html = await client.GetStringAsync("/tasks");

        Assert.Contains($"href=\"/coverage/{tree.Grid1.Id}\"", html, StringComparison.Ordinal);
    }
}
