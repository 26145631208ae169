using System.Net;
using GridGuard.Tests.Infrastructure;
using static GridGuard.Tests.Features.Households.RegistryArrange;

namespace GridGuard.Tests.Features.Households;

/// <summary>A grid manager of grid A cannot find, list or open grid B's households or persons, on any page.</summary>
[Collection(AppCollection.Name)]
public sealed class RegistryPagesScopeTests(AppFactory app)
{
    [Fact]
    public async Task RegistryPages_AnotherGridsRecords_Answer404()
    {
        var g = await TwoGridsAsync(app);
        var household = await HouseholdAsync(g.B, g.Tree.Grid3.Id);
        var person = await MemberAsync(g.B, household, "乙网格居民");
        var page = await app.PageClientAsync(g.UserA);

        foreach (var url in new[]
        {
            $"/households/{household}", $"/households/{household}/members/new", $"/households/{household}/person-codes", $"/persons/{person}",
            $"/persons/{person}/edit", $"/persons/{person}/move", $"/households?jurisdictionId={g.Tree.Grid3.Id}",
            $"/persons?jurisdictionId={g.Tree.Grid3.Id}",
        })
        {
            var response = await page.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
            Assert.DoesNotContain("乙网格居民", await response.TextAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RegistryLists_AnotherGridsRecords_AreNotListed()
    {
        var g = await TwoGridsAsync(app);
        var street = "丙街" + Guid.NewGuid().ToString("N")[..6];
        var number = NewIdNumber();
        var theirs = await HouseholdAsync(g.B, g.Tree.Grid3.Id, street + "1号");
        var person = await MemberAsync(g.B, theirs, "丙街居民", number);
        var ours = await HouseholdAsync(g.A, g.Tree.Grid1.Id, street + "2号");
        var page = await app.PageClientAsync(g.UserA);

        var households = await page.GetTextAsync("/households?q=" + Uri.EscapeDataString(street));
        var byId = await page.GetTextAsync("/households?q=" + number);
        var persons = await page.GetTextAsync("/persons?q=" + Uri.EscapeDataString("丙街居民"));

        Assert.Contains($"/households/{ours}", households, StringComparison.Ordinal);
        Assert.DoesNotContain($"/households/{theirs}", households, StringComparison.Ordinal);
        Assert.DoesNotContain($"/households/{theirs}", byId, StringComparison.Ordinal);
        Assert.DoesNotContain($"/persons/{person}", persons, StringComparison.Ordinal);
        Assert.Contains("没有找到符合条件的人员", persons, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegistryLists_MalformedFilters_ShowTheUnfilteredList()
    {
        var g = await TwoGridsAsync(app);
        var street = "乱码路" + Guid.NewGuid().ToString("N")[..6];
        var ours = await HouseholdAsync(g.A, g.Tree.Grid1.Id, street + "1号");
        var page = await app.PageClientAsync(g.UserA);

        var households = await page.GetAsync("/households?jurisdictionId=abc&hasSteward=maybe&after=1&q=" + Uri.EscapeDataString(street));
        var persons = await page.GetAsync("/persons?jurisdictionId=abc&after=%20");

        Assert.Equal(HttpStatusCode.OK, households.StatusCode);
        Assert.Contains($"/households/{ours}", await households.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, persons.StatusCode);
    }
}
