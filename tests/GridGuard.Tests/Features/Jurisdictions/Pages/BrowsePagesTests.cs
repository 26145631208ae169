using System.Net;
using System.Text.RegularExpressions;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.Jurisdictions.Pages;

/// <summary>Browsing the tree and searching it through the pages, within the user's scope.</summary>
[Collection(AppCollection.Name)]
public sealed partial class BrowsePagesTests(AppFactory app)
{
    [Fact]
    public async Task JurisdictionsIndex_OneHome_RedirectsToIt()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id), (Role.Steward, tree.Grid1.Id));
        var client = await app.PageClientAsync(user);

        var response = await client.GetAsync("/jurisdictions");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith($"/jurisdictions/{tree.Village1.Id}", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JurisdictionsIndex_TwoHomes_ListsBoth()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id), (Role.VillageOfficer, tree.Village3.Id));
        var client = await app.PageClientAsync(user);

        var (status, html) = await client.PageAsync("/jurisdictions");

        Assert.Equal(HttpStatusCode.OK, status);
        var homes = Section(html, "home-nodes");
        Assert.Contains($"href=\"/jurisdictions/{tree.Village1.Id}\"", homes, StringComparison.Ordinal);
        Assert.Contains($"href=\"/jurisdictions/{tree.Village3.Id}\"", homes, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"search-box\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JurisdictionDetails_Township_ShowsHeaderBreadcrumbAndChildrenWithDeactivatedMuted()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id));
        await (await app.ApiClientAsync(user)).PostAsync($"/api/jurisdictions/{tree.Village1.Id}/deactivate", null);
        var client = await app.PageClientAsync(user);

        var (status, html) = await client.PageAsync($"/jurisdictions/{tree.Township1.Id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(H1().Matches(html));
        Assert.Contains($"<h1>{tree.Township1.Name}</h1>", html, StringComparison.Ordinal);
        Assert.Contains(tree.Township1.Code, Section(html, "node-header"), StringComparison.Ordinal);
        Assert.Contains("乡镇（街道）", Section(html, "node-header"), StringComparison.Ordinal);
        var breadcrumb = Section(html, "breadcrumb");
        Assert.Contains($"<a href=\"/jurisdictions/{tree.County.Id}\">{tree.County.Name}</a>", breadcrumb, StringComparison.Ordinal);
        Assert.Contains($"<span aria-current=\"page\">{tree.Township1.Name}</span>", breadcrumb, StringComparison.Ordinal);
        var children = Section(html, "children");
        var inactive = Row(children, tree.Village1.Id);
        Assert.Contains("inactive", inactive[..inactive.IndexOf('>', StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("已停用", inactive, StringComparison.Ordinal);
        var active = Row(children, tree.Village2.Id);
        Assert.DoesNotContain("已停用", active, StringComparison.Ordinal);
        Assert.Contains("村（社区）", active, StringComparison.Ordinal);
        Assert.Contains($">{tree.Village2.Name}</a>", active, StringComparison.Ordinal); // the link's name is the node's name
        Assert.Contains("data-testid=\"action-move\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JurisdictionDetails_VillageUserAtTheirGrid_BreadcrumbStartsAtTheirVillage()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.PageClientAsync(user);

        var (status, html) = await client.PageAsync($"/jurisdictions/{tree.Grid1.Id}");

        Assert.Equal(HttpStatusCode.OK, status);
        var breadcrumb = Section(html, "breadcrumb");
        Assert.Contains($"href=\"/jurisdictions/{tree.Village1.Id}\"", breadcrumb, StringComparison.Ordinal);
        Assert.DoesNotContain($"/jurisdictions/{tree.Township1.Id}", breadcrumb, StringComparison.Ordinal);
        Assert.DoesNotContain($"/jurisdictions/{tree.County.Id}", breadcrumb, StringComparison.Ordinal);
        Assert.Contains("没有下级辖区", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JurisdictionDetails_AnotherVillage_Returns404AndShowsNothingOfIt()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.PageClientAsync(user);

        foreach (var other in new[] { tree.Village3, tree.Village2, tree.Township1 })
        {
            var (status, html) = await client.PageAsync($"/jurisdictions/{other.Id}");
            var (missing, _) = await client.PageAsync($"/jurisdictions/{Guid.NewGuid()}");

            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal(HttpStatusCode.NotFound, missing);
            Assert.Contains("data-testid=\"not-found\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain($"<h1>{other.Name}</h1>", html, StringComparison.Ordinal);
            Assert.DoesNotContain(other.Code, html, StringComparison.Ordinal);
            Assert.DoesNotContain(other.Id.ToString(), html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task JurisdictionDetails_RoleThatDoesNotEditTheTree_ShowsNoEditActions()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.GridManager, tree.Village1.Id));
        var client = await app.PageClientAsync(user);

        var (status, html) = await client.PageAsync($"/jurisdictions/{tree.Village1.Id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("data-testid=\"node-actions\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JurisdictionSearch_VillageUser_ListsOnlyNodesInScope()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.PageClientAsync(user);

        var (status, html) = await client.PageAsync("/jurisdictions/search?q=" + Uri.EscapeDataString("大寨"));

        Assert.Equal(HttpStatusCode.OK, status);
        var results = Section(html, "search-results");
        Assert.Contains($"href=\"/jurisdictions/{tree.Grid1.Id}\"", results, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/jurisdictions/{tree.Grid3.Id}\"", results, StringComparison.Ordinal);
        Assert.Contains("共 2 个结果", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JurisdictionSearch_WithinANodeAndPaged_KeepsFiltersInTheLinks()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id));
        var client = await app.PageClientAsync(user);

        var (status, html) = await client.PageAsync($"/jurisdictions/search?within={tree.County.Id}&level=Grid");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("共 4 个结果", html, StringComparison.Ordinal);
        Assert.Contains($"仅在“{tree.County.Name}”内搜索", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Grid\" selected", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("level=%E5%9F%8E%E5%A0%A1", "级别：无法识别“城堡”")]
    [InlineData("page=abc", "页码：应为正整数")]
    [InlineData("page=0", "页码：应在 1 到 100000 之间")]
    [InlineData("within=xyz", "范围：不是有效的辖区编号")]
    public async Task JurisdictionSearch_BadQueryString_ShowsAChineseMessage(string query, string message)
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.PageClientAsync(user);

        var (status, html) = await client.PageAsync("/jurisdictions/search?" + query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(message, Section(html, "search-errors"), StringComparison.Ordinal);
    }

    /// <summary>The element carrying data-testid="<paramref name="testId"/>", up to the next few kilobytes.</summary>
    internal static string Section(string html, string testId)
    {
        var start = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no data-testid=\"{testId}\" on the page");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        var nav = html.IndexOf("</nav>", start, StringComparison.Ordinal);
        var ul = html.IndexOf("</ul>", start, StringComparison.Ordinal);
        var stops = new[] { end, nav, ul }.Where(i => i > start).DefaultIfEmpty(html.Length).Min();
        return html[start..stops];
    }

    /// <summary>The list item linking to a node.</summary>
    internal static string Row(string list, Guid id)
    {
        var link = list.IndexOf($"href=\"/jurisdictions/{id}\"", StringComparison.Ordinal);
        Assert.True(link >= 0, $"no row for {id}");
        var start = list.LastIndexOf("<li", link, StringComparison.Ordinal);
        return list[start..list.IndexOf("</li>", link, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<h1[ >]")]
    private static partial Regex H1();
}
