using System.Net;
using System.Text.RegularExpressions;
using GridGuard.Features.Venues;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Features.Households.Import;
using GridGuard.Tests.Features.Venues.Import;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static GridGuard.Tests.Features.Households.RegistryArrange;

namespace GridGuard.Tests.Features.Venues.Pages;

/// <summary>The venue pages: register, edit, deactivate, list, detail and import, as a browser without JavaScript.</summary>
[Collection(AppCollection.Name)]
public sealed partial class VenuePagesTests(AppFactory app)
{
    private static void Fill(Dictionary<string, string> form, Guid gridId, string name, string phone = "13812345678")
    {
        form["Input.JurisdictionId"] = gridId.ToString();
        form["Input.Name"] = name;
        form["Input.Kind"] = "Restaurant";
        form["Input.Address"] = "新村路 1 号";
        form["Input.ResponsibleName"] = "页面负责人";
        form["Input.ResponsiblePhone"] = phone;
        form["Input.NonLocalStaff"] = "2";
    }

    [Fact]
    public async Task RegisterPage_ValidForm_RegistersAndRedirectsToTheVenue()
    {
        var g = await TwoGridsAsync(app);
        var page = await app.PageClientAsync(g.UserA);
        var name = VenueData.NewTag() + "<b>餐馆</b>";
        var form = await Forms.GetFormAsync(page, "/venues/new", "venue");
        Fill(form, g.Tree.Grid1.Id, name);

        var response = await Forms.PostAsync(page, "/venues/new", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var venue = await app.WithDbAsync(db => db.Venues.AsNoTracking().SingleAsync(v => v.Name == name));
        Assert.Equal((VenueKind.Restaurant, 2, g.Tree.Grid1.Id), (venue.Kind, venue.NonLocalStaff, venue.JurisdictionId));
        Assert.EndsWith($"/venues/{venue.Id}", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var detail = await page.GetStringAsync($"/venues/{venue.Id}");
        Assert.DoesNotContain("<b>餐馆</b>", detail, StringComparison.Ordinal); // shown as text
        Assert.Contains("餐馆</b>", WebUtility.HtmlDecode(detail), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterPage_BadPhone_ShowsTheMessageBesideTheField()
    {
        var g = await TwoGridsAsync(app);
        var page = await app.PageClientAsync(g.UserA);
        var name = VenueData.NewTag();
        var form = await Forms.GetFormAsync(page, "/venues/new", "venue");
        Fill(form, g.Tree.Grid1.Id, name, phone: "12345");

        var response = await Forms.PostAsync(page, "/venues/new", form);

        var text = await response.TextAsync();
        Assert.Contains("data-testid=\"error-ResponsiblePhone\">联系电话：应为 11 位手机号码", text, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Venues.AnyAsync(v => v.Name == name)));
    }

    [Fact]
    public async Task RegisterPage_RoleThatMayNotRegister_SaysWhyWith403()
    {
        var tree = await TestTree.CreateAsync(app);
        var page = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.Volunteer, tree.Grid1.Id)));

        var response = await page.GetAsync("/venues/new");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("您的岗位无权在任何网格登记重点场所", await response.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditPage_SavesAndTheDetailPageDeactivatesAndReactivates()
    {
        var g = await TwoGridsAsync(app);
        var name = VenueData.NewTag();
        var id = await VenueData.RegisterAsync(g.A, g.Tree.Grid1.Id, name);
        var page = await app.PageClientAsync(g.UserA);

        var form = await Forms.GetFormAsync(page, $"/venues/{id}/edit", "venue");
        Assert.Contains($"value=\"{name}\"", await page.GetStringAsync($"/venues/{id}/edit"), StringComparison.Ordinal);
        Fill(form, g.Tree.Grid1.Id, name + "改");
        var saved = await Forms.PostAsync(page, $"/venues/{id}/edit", form);
        var off = await Forms.GetFormAsync(page, $"/venues/{id}", "venue-active");
        off["Activate"] = "false";
        var deactivated = await Forms.PostAsync(page, $"/venues/{id}", off);
        var on = await Forms.GetFormAsync(page, $"/venues/{id}", "venue-active");
        on["Activate"] = "true";
        var reactivated = await Forms.PostAsync(page, $"/venues/{id}", on);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("已停用：记录保留", await deactivated.TextAsync(), StringComparison.Ordinal);
        Assert.Contains("已重新启用。", await reactivated.TextAsync(), StringComparison.Ordinal);
        var venue = await VenueData.GetAsync(g.A, id);
        Assert.Equal((name + "改", VenueKind.Restaurant, true), (venue.Name, venue.Kind, venue.IsActive));
    }

    [Fact]
    public async Task VenuePages_AnotherGridsVenue_Answer404WithoutItsName()
    {
        var g = await TwoGridsAsync(app);
        var name = VenueData.NewTag() + "乙网格场所";
        var theirs = await VenueData.RegisterAsync(g.B, g.Tree.Grid3.Id, name);
        var page = await app.PageClientAsync(g.UserA);

        foreach (var url in new[] { $"/venues/{theirs}", $"/venues/{theirs}/edit", $"/venues?node={g.Tree.Grid3.Id}" })
        {
            var response = await page.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
            Assert.DoesNotContain(name, await response.TextAsync(), StringComparison.Ordinal);
        }

        var list = await page.GetTextAsync("/venues?q=" + Uri.EscapeDataString(name[..9]));
        Assert.DoesNotContain(name, list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPage_Filters_ShowTheVenuesCountsPerKindAndTheExportLink()
    {
        var g = await TwoGridsAsync(app);
        var tag = VenueData.NewTag();
        await VenueData.RegisterAsync(g.A, g.Tree.Grid1.Id, tag + "宾馆");
        await VenueData.RegisterAsync(g.A, g.Tree.Grid1.Id, tag + "超市一", b => b["kind"] = "商超");
        await VenueData.RegisterAsync(g.A, g.Tree.Grid1.Id, tag + "超市二", b => b["kind"] = "商超");
        var page = await app.PageClientAsync(g.UserA);

        var all = await page.GetTextAsync($"/venues?node={g.Tree.Grid1.Id}");
        var shops = await page.GetTextAsync($"/venues?node={g.Tree.Grid1.Id}&kind=Supermarket&page=x&active=maybe");

        Assert.Contains("<h1>重点场所</h1>", all, StringComparison.Ordinal);
        Assert.Contains(">宾馆酒店 1</a>", all, StringComparison.Ordinal);
        Assert.Contains(">商超 2</a>", all, StringComparison.Ordinal);
        Assert.Contains(tag + "宾馆", all, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/venues/export.xlsx?node={g.Tree.Grid1.Id}&kind=Supermarket\"", shops, StringComparison.Ordinal);
        Assert.DoesNotContain(tag + "宾馆", shops, StringComparison.Ordinal);
        Assert.Contains(tag + "超市二", shops, StringComparison.Ordinal);
        Assert.Contains("href=\"/venues\"", await page.GetTextAsync("/tasks"), StringComparison.Ordinal); // the menu link (a grid worker starts at /tasks)
    }

    [Fact]
    public async Task ImportPage_Upload_ShowsWhichRowsWentInAndWhyTheOthersDidNot()
    {
        var tree = await TestTree.CreateAsync(app);
        var page = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var tag = VenueData.NewTag();
        var fields = await Forms.GetFormAsync(page, "/venues/import", "venue-import");
        var form = ImportFiles.Form(VenueFiles.Csv(
        [
            new(tree.Grid1.Code, tag + "好", "企业", "甲"),
            new(tree.Grid1.Code, "<script>alert(1)</script>", "赌场", "乙"),
        ]), "页面.csv");
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var response = await page.PostAsync("/venues/import", form);
        var html = await response.Content.ReadAsStringAsync();
        var text = WebUtility.HtmlDecode(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("共 2 行：已导入 1 行，未导入 1 行。", text, StringComparison.Ordinal);
        Assert.Contains("已导入的行：第 3 行。", text, StringComparison.Ordinal);
        Assert.Matches(ErrorRow(), text);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/venues/import/template?format=xlsx\"", text, StringComparison.Ordinal);
    }

    [GeneratedRegex("<td>4</td><td><script>alert\\(1\\)</script></td><td[^>]*>类型</td><td>类型：“赌场”无法识别")]
    private static partial Regex ErrorRow();
}
