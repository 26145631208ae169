using System.Net;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.Jurisdictions.Pages;

/// <summary>Moving and (de)activating through the pages: a confirmation first, then the same handlers as the API.</summary>
[Collection(AppCollection.Name)]
public sealed class RestructurePagesTests(AppFactory app)
{
    [Fact]
    public async Task MovePage_TargetByCode_ConfirmsThenMovesTheSubtree()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id));
        var client = await app.PageClientAsync(user);
        var url = $"/jurisdictions/{tree.Village1.Id}/move?target={tree.Township2.Code}";

        var (status, html) = await client.PageAsync(url);
        var form = await Forms.GetFormAsync(client, url, "move-jurisdiction");
        form["Input.NewParentCode"] = tree.Township2.Code;
        var response = await Forms.PostAsync(client, url, form);

        Assert.Equal(HttpStatusCode.OK, status);
        var summary = BrowsePagesTests.Section(html, "move-summary");
        Assert.Contains("2 个下级辖区", summary, StringComparison.Ordinal);
        Assert.Contains($"从“{tree.Township1.Name}”移到“{tree.Township2.Name}”", summary, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(tree.Township2.Id, (await app.NodeAsync(tree.Village1.Id))!.ParentId);
        Assert.StartsWith(tree.Township2.Path, (await app.NodeAsync(tree.Grid1.Id))!.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MovePage_TargetIsItsOwnDescendant_ShowsTheCycleMessageAndNoConfirmButton()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id));
        var client = await app.PageClientAsync(user);
        var url = $"/jurisdictions/{tree.Township1.Id}/move?target={tree.Village1.Code}";

        var (status, html) = await client.PageAsync(url);
        var form = await Forms.GetFormAsync(client, url, "move-jurisdiction");
        form["Input.NewParentCode"] = tree.Grid1.Code;
        var post = await Forms.PostAsync(client, url, form);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("目标上级：不能把", html, StringComparison.Ordinal);
        Assert.Contains("会形成循环", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"move-submit\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("会形成循环", await post.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(tree.County.Id, (await app.NodeAsync(tree.Township1.Id))!.ParentId);
    }

    [Fact]
    public async Task MovePage_SearchByName_OffersOnlyValidTargets()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id));
        var client = await app.PageClientAsync(user);
        var group = tree.Nodes[tree.Village1.Code + "001"];

        // "村委会" matches both rural villages; "社区" the urban ones. A group may go under any other village.
        var (status, html) = await client.PageAsync($"/jurisdictions/{group.Id}/move?q=" + Uri.EscapeDataString("村委会"));

        Assert.Equal(HttpStatusCode.OK, status);
        var candidates = BrowsePagesTests.Section(html, "move-candidates");
        Assert.Contains($"target={tree.Village3.Code}", candidates, StringComparison.Ordinal);
        Assert.DoesNotContain($"target={tree.Village1.Code}\"", candidates, StringComparison.Ordinal); // its own parent
    }

    [Fact]
    public async Task MovePage_AnotherVillage_Returns404()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.PageClientAsync(user);

        var (status, _) = await client.PageAsync($"/jurisdictions/{tree.Nodes[tree.Village3.Code + "001"].Id}/move");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task StatusPage_DeactivateThenReactivateWithDescendants()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id));
        var client = await app.PageClientAsync(user);
        var url = $"/jurisdictions/{tree.Village1.Id}/status";

        var (_, confirm) = await client.PageAsync(url);
        var deactivate = await Forms.PostAsync(client, url, await Forms.GetFormAsync(client, url, "jurisdiction-status"));
        var deactivatedGrid = (await app.NodeAsync(tree.Grid1.Id))!.IsActive;
        var form = await Forms.GetFormAsync(client, url, "jurisdiction-status");
        form["Input.IncludeDescendants"] = "true";
        var reactivate = await Forms.PostAsync(client, url, form);

        Assert.Contains("2 个下级辖区", BrowsePagesTests.Section(confirm, "status-summary"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, deactivate.StatusCode);
        Assert.False(deactivatedGrid);
        Assert.Equal(HttpStatusCode.Redirect, reactivate.StatusCode);
        Assert.True((await app.NodeAsync(tree.Village1.Id))!.IsActive);
        Assert.True((await app.NodeAsync(tree.Grid1.Id))!.IsActive);
    }

    [Fact]
    public async Task StatusPage_OwnHomeNode_ExplainsWhoMayDoIt()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.PageClientAsync(user);

        var (status, html) = await client.PageAsync($"/jurisdictions/{tree.Village1.Id}/status");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("需由其上级辖区的管理人员操作", html, StringComparison.Ordinal);
        Assert.DoesNotContain("status-form", html, StringComparison.Ordinal);
    }
}
