using GridGuard.BrowserTests.Infrastructure;
using GridGuard.BrowserTests.Pages;
using GridGuard.Features.Canvassing;
using GridGuard.Features.Demo;
using GridGuard.Features.Households;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridGuard.BrowserTests.Features.Canvassing;

/// <summary>Issue 3's canvassing journey on a phone: a visit with a fever reaches the village's coverage page.</summary>
public sealed class VisitJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [BrowserFact]
    public Task Visit_GridManagerRecords37Point5_KeyPersonShowsOnVillageCoverage() => JourneyAsync(async page =>
    {
        var tree = await TestTree.CreateAsync(App);
        var manager = await TestUsers.CreateAsync(App, (Role.GridManager, tree.Grid1.Id));
        var officer = await TestUsers.CreateAsync(App, (Role.VillageOfficer, tree.Village1.Id));
        var address = "槟榔园" + Guid.NewGuid().ToString("N")[..6] + "号";
        var name = "发热" + Guid.NewGuid().ToString("N")[..4];
        var today = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime);
        await App.WithDbAsync(async db =>
        {
            db.Canvasses.Add(new Canvass { Name = "冬季排查", JurisdictionId = tree.County.Id, StartsOn = today.AddDays(-3), EndsOn = today.AddDays(20) });
            var h = new Household { JurisdictionId = tree.Grid1.Id, Address = address };
            db.Households.Add(h);
            var number = SyntheticIdNumbers.Make(new Random(Guid.NewGuid().GetHashCode()), "530427", new DateOnly(1990, 5, 6), Sex.Male);
            db.Persons.Add(new Person { Name = name, IdNumber = number, BirthDate = new DateOnly(1990, 5, 6), HouseholdId = h.Id, JurisdictionId = tree.Grid1.Id });
            await db.SaveChangesAsync();
        });

        // The grid manager finds the household by its address and records the visit.
        await (await new LoginPage(page).GotoAsync()).LogInAsync(manager.UserName, manager.Password);
        await new Shell(page).OpenAsync("住户");
        var directory = new HouseholdPages(page);
        await directory.SearchAsync(address);
        await directory.Results.GetByRole(AriaRole.Link, new() { Name = address }).ClickAsync();
        await page.GetByTestId("visit").ClickAsync();
        var member = page.GetByTestId("member-0");
        await member.GetByLabel("在家", new() { Exact = true }).CheckAsync();
        await member.GetByTestId("m0-temp").FillAsync("37.5");
        await ScreenshotAsync(page, "visit-form-360x740");
        await page.GetByTestId("visit-save").ClickAsync();
        await Expect(page.GetByTestId("visit-saved")).ToContainTextAsync("发热");

        // The village officer sees the person under 发热 on the village's coverage page, and behind the number.
        await page.Context.ClearCookiesAsync();
        await (await new LoginPage(page).GotoAsync()).LogInAsync(officer.UserName, officer.Password);
        await page.GotoAsync($"/coverage/{tree.Village1.Id}");
        var fever = page.GetByTestId("coverage-total").GetByTestId("metric-keypersons-Fever");
        await Expect(fever).ToHaveTextAsync("1");
        await ScreenshotAsync(page, "coverage-village-360x740");
        await fever.ClickAsync();
        await Expect(page.GetByTestId("list-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("list-row")).ToContainTextAsync(name);
    });
}
