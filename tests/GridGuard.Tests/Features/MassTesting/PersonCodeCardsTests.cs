using System.Net;
using GridGuard.Features.MassTesting;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Infrastructure;
using static GridGuard.Tests.Features.Households.RegistryArrange;

namespace GridGuard.Tests.Features.MassTesting;

/// <summary>The printable person-code cards of a household: one card per member, reached from the household page.</summary>
[Collection(AppCollection.Name)]
public sealed class PersonCodeCardsTests(AppFactory app)
{
    [Fact]
    public async Task PersonCodeCards_OneCardPerMember_WithTheirCodeAndQr()
    {
        var g = await TwoGridsAsync(app);
        var household = await HouseholdAsync(g.A, g.Tree.Grid1.Id);
        var grandma = await MemberAsync(g.A, household, "李奶奶");
        var child = await MemberAsync(g.A, household, "李小宝");
        var page = await app.PageClientAsync(g.UserA);

        var detail = await page.GetTextAsync($"/households/{household}");
        var cards = await page.GetAsync($"/households/{household}/person-codes");
        var html = await cards.TextAsync();

        Assert.Contains($"/households/{household}/person-codes", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, cards.StatusCode);
        Assert.Equal(2, html.Split("data-testid=\"code-card\"").Length - 1);
        Assert.Contains(PersonCode.Of(grandma), html, StringComparison.Ordinal);
        Assert.Contains(PersonCode.Of(child), html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"李奶奶 的个人码\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"李小宝 的个人码\"", html, StringComparison.Ordinal);
    }
}
