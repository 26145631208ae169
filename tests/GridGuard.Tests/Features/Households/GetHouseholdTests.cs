using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Households;
using GridGuard.Tests.Infrastructure;
using static GridGuard.Tests.Features.Households.RegistryArrange;

namespace GridGuard.Tests.Features.Households;

[Collection(AppCollection.Name)]
public sealed class GetHouseholdTests(AppFactory app)
{
    [Fact]
    public async Task GetHousehold_Members_HaveMaskedIdsAgesAndRecordedPlusDerivedGroups()
    {
        var g = await TwoGridsAsync(app);
        var household = await HouseholdAsync(g.A, g.Tree.Grid1.Id);
        var grandma = NewIdNumber(Sex.Female, new DateOnly(1940, 2, 1));
        var child = NewIdNumber(Sex.Male, new DateOnly(2025, 1, 1));
        await MemberAsync(g.A, household, "老奶奶", grandma, groups: ["LivingAlone"]);
        await MemberAsync(g.A, household, "小宝", child, relation: "孙辈");

        var h = await g.A.GetFromJsonAsync<GetHousehold.Response>($"/api/households/{household}", TestJson.Options);

        var old = Assert.Single(h!.Members, m => m.Name == "老奶奶");
        Assert.True(old.IsHead);
        Assert.Equal(IdNumbers.Mask(grandma), old.IdNumber);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        Assert.Equal(VulnerableGroups.Age(new DateOnly(1940, 2, 1), today), old.Age);
        Assert.Equal("Female", old.Sex);
        Assert.Equal(["LivingAlone", "Elderly80", "Elderly60"], old.Groups.Select(x => x.Code));
        var baby = Assert.Single(h.Members, m => m.Name == "小宝");
        Assert.Equal("孙辈", baby.Relation);
        Assert.Equal(["Infant", "Child14"], baby.Groups.Where(x => x.Derived).Select(x => x.Code));
        Assert.DoesNotContain(grandma, await g.A.GetStringAsync($"/api/households/{household}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHousehold_AnotherGrid_Returns404ThroughApiAndPage()
    {
        var g = await TwoGridsAsync(app);
        var theirs = await HouseholdAsync(g.B, g.Tree.Grid3.Id);
        var page = await app.PageClientAsync(g.UserA);

        var api = await g.A.GetAsync($"/api/households/{theirs}");
        var html = await page.GetAsync($"/households/{theirs}");

        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, html.StatusCode);
        Assert.Contains("data-testid=\"not-found\"", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("未找到该记录", await html.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HouseholdPage_OwnHousehold_ShowsPlaceStewardGapAndMaskedIds()
    {
        var g = await TwoGridsAsync(app);
        var household = await HouseholdAsync(g.A, g.Tree.Grid1.Id, "石榴巷 8 号");
        var number = NewIdNumber();
        await MemberAsync(g.A, household, "周一", number);
        var page = await app.PageClientAsync(g.UserA);

        var html = await page.GetTextAsync($"/households/{household}");

        Assert.Contains($"{g.Tree.Village1.Name} › 大寨小组 › {g.Tree.Grid1.Name}", html, StringComparison.Ordinal);
        Assert.Contains("尚未落实包户责任人", html, StringComparison.Ordinal);
        Assert.Contains(IdNumbers.Mask(number), html, StringComparison.Ordinal);
        Assert.DoesNotContain(number, html, StringComparison.Ordinal);
        Assert.DoesNotContain("显示完整号码", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HouseholdPage_HtmlInName_IsShownAsText()
    {
        var g = await TwoGridsAsync(app);
        var household = await HouseholdAsync(g.A, g.Tree.Grid1.Id, "<b>粗体</b>路 1 号");
        var person = await MemberAsync(g.A, household, "<script>alert(1)</script>");
        var page = await app.PageClientAsync(g.UserA);

        var householdRaw = await page.GetStringAsync($"/households/{household}");
        var personRaw = await page.GetStringAsync($"/persons/{person}");
        var listRaw = await page.GetStringAsync("/households?q=" + Uri.EscapeDataString("<b>粗体</b>"));

        foreach (var raw in new[] { householdRaw, personRaw })
        {
            Assert.DoesNotContain("<script>alert(1)</script>", raw, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", raw, StringComparison.Ordinal);
        }

        foreach (var raw in new[] { householdRaw, listRaw })
        {
            Assert.DoesNotContain("<b>", raw, StringComparison.Ordinal);
            Assert.Contains("<b>粗体</b>路 1 号", System.Net.WebUtility.HtmlDecode(raw), StringComparison.Ordinal);
        }

        Assert.Contains($"/households/{household}", listRaw, StringComparison.Ordinal);
    }
}
