using Microsoft.Playwright;

namespace GridGuard.BrowserTests.Pages;

/// <summary>/login: user name and password fields found by their labels, the 登录 button by its role.</summary>
public sealed class LoginPage(IPage page)
{
    public ILocator UserName => page.GetByLabel("用户名", new() { Exact = true });

    public ILocator Password => page.GetByLabel("密码", new() { Exact = true });

    public ILocator Submit => page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true });

    public ILocator Error => page.GetByTestId("login-error");

    public async Task<LoginPage> GotoAsync()
    {
        await page.GotoAsync("/login");
        return this;
    }

    /// <summary>Fills the form and submits it; the caller asserts where that leads.</summary>
    public async Task LogInAsync(string userName, string password)
    {
        await UserName.FillAsync(userName);
        await Password.FillAsync(password);
        await Submit.ClickAsync();
    }
}
