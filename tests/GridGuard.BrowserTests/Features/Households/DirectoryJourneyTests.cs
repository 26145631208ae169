using GridGuard.BrowserTests.Infrastructure;
using GridGuard.BrowserTests.Pages;
using GridGuard.Features.Demo;
using GridGuard.Features.Households;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridGuard.BrowserTests.Features.Households;

/// <summary>The directory on a phone: a grid manager registers and finds a household; a village officer sees one ID whole.</summary>
public sealed class DirectoryJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [BrowserFact]
    public Task Directory_GridManagerOnPhone_RegistersFindsAndCannotSeeWholeIds() => JourneyAsync(async page =>
    {
        var tree = await TestTree.CreateAsync(App);
        var manager = await TestUsers.CreateAsync(App, (Role.GridManager, tree.Grid1.Id));
        var number = SyntheticIdNumbers.Make(new Random(Guid.NewGuid().GetHashCode()), "460105", new DateOnly(1941, 6, 1), Sex.Male);
        var address = "木棉巷" + Guid.NewGuid().ToString("N")[..6] + "号";

        await (await new LoginPage(page).GotoAsync()).LogInAsync(manager.UserName, manager.Password);
        await new Shell(page).OpenAsync("住户");
        var directory = new HouseholdPages(page);
        await directory.CreateAsync(address);
        await Expect(directory.Heading).ToHaveTextAsync(address);

        await directory.AddMemberAsync("<i>刀</i>老汉", number, "13912340000", "慢性病患者", "空巢老人");
        await Expect(directory.Members).ToHaveCountAsync(1);
        var member = directory.Members.First;
        await Expect(member).ToContainTextAsync("<i>刀</i>老汉");
        await Expect(member.GetByTestId("id-number")).ToHaveTextAsync(IdNumbers.Mask(number));
        await Expect(member).ToContainTextAsync("慢性病患者");
        await Expect(member).ToContainTextAsync("80岁以上高龄老人");
        await Expect(directory.RevealButtons).ToHaveCountAsync(0);

        await new Shell(page).OpenAsync("住户");
        await directory.SearchAsync(number[..6] + number[8..17]);
        await Expect(directory.Results.GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        await Expect(directory.Results).ToContainTextAsync(address);
        await ScreenshotAsync(page, "directory-search-360x740");

        await directory.Results.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(directory.Heading).ToHaveTextAsync(address);
        await ScreenshotAsync(page, "directory-household-360x740");

        var other = await App.WithDbAsync(async db =>
        {
            var h = new Household { JurisdictionId = tree.Grid3.Id, Address = "别处 1 号" };
            db.Households.Add(h);
            await db.SaveChangesAsync();
            return h.Id;
        });
        Assert.Equal(404, await directory.GotoAsync($"/households/{other}"));
        await Expect(directory.NotFound).ToContainTextAsync("未找到");
    });

    [BrowserFact]
    public Task Directory_VillageOfficerOnPhone_RevealsOneIdNumber() => JourneyAsync(async page =>
    {
        var tree = await TestTree.CreateAsync(App);
        var officer = await TestUsers.CreateAsync(App, (Role.VillageOfficer, tree.Village1.Id));
        var random = new Random(Guid.NewGuid().GetHashCode());
        var first = SyntheticIdNumbers.Make(random, "460106", new DateOnly(1980, 1, 2), Sex.Female);
        var second = SyntheticIdNumbers.Make(random, "460107", new DateOnly(1982, 3, 4), Sex.Male);
        var household = await App.WithDbAsync(async db =>
        {
            var h = new Household { JurisdictionId = tree.Grid1.Id, Address = "凤凰路 9 号" };
            db.Households.Add(h);
            foreach (var (name, n) in new[] { ("甲", first), ("乙", second) })
            {
                db.Persons.Add(new Person { Name = name, IdNumber = n, HouseholdId = h.Id, JurisdictionId = tree.Grid1.Id });
            }

            await db.SaveChangesAsync();
            return h.Id;
        });

        await (await new LoginPage(page).GotoAsync()).LogInAsync(officer.UserName, officer.Password);
        await Expect(new Shell(page).CurrentUser).ToContainTextAsync(officer.UserName);
        var directory = new HouseholdPages(page);
        await directory.GotoAsync($"/households/{household}");
        await Expect(directory.RevealButtons).ToHaveCountAsync(2);

        await directory.Members.Filter(new() { HasText = "甲" }).GetByRole(AriaRole.Button, new() { Name = "显示完整号码" }).ClickAsync();

        await Expect(directory.Members.Filter(new() { HasText = "甲" }).GetByTestId("id-number")).ToHaveTextAsync(first);
        await Expect(directory.Members.Filter(new() { HasText = "乙" }).GetByTestId("id-number")).ToHaveTextAsync(IdNumbers.Mask(second));
        await ScreenshotAsync(page, "directory-reveal-360x740");
    });
}
