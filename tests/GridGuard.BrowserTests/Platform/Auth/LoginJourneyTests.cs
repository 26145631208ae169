using GridGuard.BrowserTests.Infrastructure;
using GridGuard.BrowserTests.Pages;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridGuard.BrowserTests.Platform.Auth;

public sealed class LoginJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [BrowserFact]
    public Task Login_VillageOfficer_LandsOnHomeWithTheirVillage() => JourneyAsync(async page =>
    {
        var tree = await TestTree.CreateAsync(App);
        var user = await TestUsers.CreateAsync(App, (Role.VillageOfficer, tree.Village1.Id));

        var login = await new LoginPage(page).GotoAsync();
        await login.LogInAsync(user.UserName, user.Password);

        var shell = new Shell(page);
        await Expect(shell.CurrentUser).ToContainTextAsync(user.UserName);
        await Expect(shell.Heading).ToHaveTextAsync("首页");
        await Expect(shell.Menu.GetByRole(AriaRole.Link, new() { Name = "首页", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.GetByTestId("grants")).ToContainTextAsync($"{Role.VillageOfficer.Label()} · {tree.Village1.Name}");
    });

    [BrowserFact]
    public Task Login_WrongPassword_ShowsChineseError() => JourneyAsync(async page =>
    {
        var tree = await TestTree.CreateAsync(App);
        var user = await TestUsers.CreateAsync(App, (Role.VillageOfficer, tree.Village1.Id));

        var login = await new LoginPage(page).GotoAsync();
        await login.LogInAsync(user.UserName, user.Password + "x");

        await Expect(login.Error).ToHaveTextAsync("用户名或密码不正确");
        await Expect(page).ToHaveURLAsync(new Uri(App.RootUri, "/login").ToString());
        await Expect(new Shell(page).CurrentUser).ToHaveCountAsync(0);
    });
}
