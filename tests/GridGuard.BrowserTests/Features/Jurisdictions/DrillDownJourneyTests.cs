using GridGuard.BrowserTests.Infrastructure;
using GridGuard.BrowserTests.Pages;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace GridGuard.BrowserTests.Features.Jurisdictions;

/// <summary>The Foundation journey: a village officer on a phone browses their own tree and nothing else.</summary>
public sealed class DrillDownJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [BrowserFact]
    public Task DrillDown_VillageOfficerOnPhone_ReachesGridAndIsRefusedAnotherVillage() => JourneyAsync(async page =>
    {
        var tree = await TestTree.CreateAsync(App);
        var user = await TestUsers.CreateAsync(App, (Role.VillageOfficer, tree.Village1.Id));
        var village = tree.Village1;
        var compound = tree.Nodes[village.Code + "001"];
        var grid = tree.Grid1;

        await (await new LoginPage(page).GotoAsync()).LogInAsync(user.UserName, user.Password);
        await Expect(new Shell(page).CurrentUser).ToContainTextAsync(user.UserName);

        var node = new JurisdictionPage(page);
        await node.OpenFromMenuAsync(village.Name);
        await Expect(node.Heading).ToHaveTextAsync(village.Name);

        await node.OpenChildAsync(compound.Name);
        await Expect(node.Heading).ToHaveTextAsync(compound.Name);

        await node.OpenChildAsync(grid.Name);
        await Expect(node.Heading).ToHaveTextAsync(grid.Name);
        await Expect(node.BreadcrumbItems).ToHaveTextAsync([village.Name, compound.Name, grid.Name]);
        await ScreenshotAsync(page, "drill-down-grid-360x740");

        var status = await node.GotoAsync(tree.Grid3.Id);
        Assert.Equal(404, status);
        await Expect(node.NotFound).ToContainTextAsync("未找到");
        await Expect(page.GetByText(tree.Village3.Name)).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "drill-down-refused-360x740");
    });
}
