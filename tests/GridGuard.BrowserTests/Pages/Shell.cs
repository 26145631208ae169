using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridGuard.BrowserTests.Pages;

/// <summary>What every signed-in page has: the signed-in user, the capability menu and the main content.</summary>
public sealed class Shell(IPage page)
{
    public ILocator CurrentUser => page.GetByTestId("current-user");

    public ILocator Menu => page.GetByRole(AriaRole.Navigation, new() { Name = "功能导航" });

    public ILocator Main => page.GetByRole(AriaRole.Main);

    public ILocator Heading => Main.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>
    /// Follows a menu entry, opening the collapsed menu first where a phone shows it closed, and waits
    /// until the new page is in (the entry is marked aria-current="page"), enhanced navigation or not.
    /// </summary>
    public async Task OpenAsync(string entry)
    {
        var link = Menu.GetByRole(AriaRole.Link, new() { Name = entry, Exact = true });
        if (!await link.IsVisibleAsync())
        {
            await Menu.GetByText("菜单", new() { Exact = true }).ClickAsync();
        }

        await link.ClickAsync();
        await Expect(link).ToHaveAttributeAsync("aria-current", "page");
    }
}
