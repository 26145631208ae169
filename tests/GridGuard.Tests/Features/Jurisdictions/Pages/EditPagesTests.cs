using System.Net;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.Jurisdictions.Pages;

/// <summary>Creating and renaming through the page forms, as a browser without JavaScript would.</summary>
[Collection(AppCollection.Name)]
public sealed class EditPagesTests(AppFactory app)
{
    [Fact]
    public async Task NewJurisdictionPage_ValidForm_CreatesAndRedirectsToTheNewNode()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.PageClientAsync(user);
        var url = $"/jurisdictions/{tree.Village1.Id}/new";
        var code = tree.Village1.Code + "005";

        var response = await PostCreateAsync(client, url, code, "后山小组", "Compound");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var created = await app.NodeByCodeAsync(code);
        Assert.NotNull(created);
        Assert.Equal("后山小组", created.Name);
        Assert.Equal(tree.Village1.Id, created.ParentId);
        Assert.EndsWith($"/jurisdictions/{created.Id}?notice=created", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var (_, html) = await client.PageAsync($"/jurisdictions/{created.Id}?notice=created");
        Assert.Contains("已新建辖区", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewJurisdictionPage_Form_HasLabelsAndOnlyLevelsBelowTheParent()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.PageClientAsync(user);

        var (status, html) = await client.PageAsync($"/jurisdictions/{tree.Village1.Id}/new");

        Assert.Equal(HttpStatusCode.OK, status);
        foreach (var id in new[] { "level", "code", "name", "settlement" })
        {
            Assert.Contains($"<label for=\"{id}\">", html, StringComparison.Ordinal);
        }

        Assert.Contains("<option value=\"Grid\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<option value=\"Village\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("001", "某小组", "Compound", "”已存在")] // duplicate code
    [InlineData("005", "", "Compound", "名称：不能为空")]
    [InlineData("005", "TOO_LONG", "Compound", "名称：不能超过 100 个字")]
    [InlineData("5x", "某小组", "Compound", "代码：只能由数字组成")]
    [InlineData("0050", "某小组", "Compound", "应为上级代码加 3 位")]
    [InlineData("OTHER", "某小组", "Compound", "不是上级代码")]
    [InlineData("005", "某村", "Village", "级别：村（社区）不能位于村（社区）之下")]
    public async Task NewJurisdictionPage_BadInput_ShowsTheMessageAndWritesNothing(string suffix, string name, string level, string message)
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.PageClientAsync(user);
        var code = suffix == "OTHER" ? tree.Village3.Code + "005" : tree.Village1.Code + suffix;
        name = name == "TOO_LONG" ? new string('长', Jurisdiction.NameMaxLength + 1) : name;
        var before = await app.NodeByCodeAsync(code);

        var response = await PostCreateAsync(client, $"/jurisdictions/{tree.Village1.Id}/new", code, name, level);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(before?.Name, (await app.NodeByCodeAsync(code))?.Name);
    }

    [Fact]
    public async Task NewJurisdictionPage_AnotherVillage_Returns404AndAPostCreatesNothing()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.PageClientAsync(user);
        var url = $"/jurisdictions/{tree.Village3.Id}/new";
        var code = tree.Village3.Code + "005";

        var (status, _) = await client.PageAsync(url);
        // A token from a page the user may open, posted to the other village's form.
        var form = await Forms.GetFormAsync(client, $"/jurisdictions/{tree.Village1.Id}/new", "create-jurisdiction");
        form["Input.Code"] = code;
        form["Input.Name"] = "越权小组";
        form["Input.Level"] = "Compound";
        var post = await Forms.PostAsync(client, url, form);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
        Assert.False(post.IsSuccessStatusCode);
        Assert.Null(await app.NodeByCodeAsync(code));
    }

    [Fact]
    public async Task RenamePage_ValidName_RenamesAndTheAuditLogHasOldAndNew()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.PageClientAsync(user);
        var url = $"/jurisdictions/{tree.Grid1.Id}/rename";

        var (_, formHtml) = await client.PageAsync(url);
        var form = await Forms.GetFormAsync(client, url, "rename-jurisdiction");
        form["Input.Name"] = "大寨一网格";
        var response = await Forms.PostAsync(client, url, form);

        Assert.Contains($"value=\"{tree.Grid1.Name}\"", formHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("大寨一网格", (await app.NodeAsync(tree.Grid1.Id))!.Name);
        var entry = Assert.Single(await app.AuditOfAsync(tree.Grid1.Id), a => a.Action == AuditAction.Modified);
        Assert.Contains($"\"Name\":[\"{tree.Grid1.Name}\",\"大寨一网格\"]", entry.Changes, StringComparison.Ordinal);
        Assert.Equal(user.Id, entry.UserId);
    }

    [Theory]
    [InlineData("", "名称：不能为空")]
    [InlineData("TOO_LONG", "名称：不能超过 100 个字")]
    public async Task RenamePage_BadName_ShowsTheMessageAndKeepsTheName(string name, string message)
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.PageClientAsync(user);
        var url = $"/jurisdictions/{tree.Grid1.Id}/rename";

        var form = await Forms.GetFormAsync(client, url, "rename-jurisdiction");
        form["Input.Name"] = name == "TOO_LONG" ? new string('长', Jurisdiction.NameMaxLength + 1) : name;
        var response = await Forms.PostAsync(client, url, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(tree.Grid1.Name, (await app.NodeAsync(tree.Grid1.Id))!.Name);
    }

    [Fact]
    public async Task RenamePage_AnotherVillage_Returns404AndAPostRenamesNothing()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.PageClientAsync(user);
        var url = $"/jurisdictions/{tree.Grid3.Id}/rename";

        var (status, html) = await client.PageAsync(url);
        var form = await Forms.GetFormAsync(client, $"/jurisdictions/{tree.Grid1.Id}/rename", "rename-jurisdiction");
        form["Input.Name"] = "越权改名";
        var post = await Forms.PostAsync(client, url, form);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("data-testid=\"not-found\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(tree.Grid3.Code, html, StringComparison.Ordinal);
        Assert.False(post.IsSuccessStatusCode);
        Assert.Equal(tree.Grid3.Name, (await app.NodeAsync(tree.Grid3.Id))!.Name);
    }

    [Fact]
    public async Task RenamePage_RoleThatDoesNotEditTheTree_ExplainsAndOffersNoForm()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.Volunteer, tree.Village1.Id));
        var client = await app.PageClientAsync(user);

        var (status, html) = await client.PageAsync($"/jurisdictions/{tree.Grid1.Id}/rename");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("您无权修改", BrowsePagesTests.Section(html, "refusal"), StringComparison.Ordinal);
        Assert.DoesNotContain("rename-form", html, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostCreateAsync(HttpClient client, string url, string code, string name, string level)
    {
        var form = await Forms.GetFormAsync(client, url, "create-jurisdiction");
        form["Input.Code"] = code;
        form["Input.Name"] = name;
        form["Input.Level"] = level;
        form["Input.Settlement"] = "";
        return await Forms.PostAsync(client, url, form);
    }
}
