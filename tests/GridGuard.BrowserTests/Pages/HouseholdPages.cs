using Microsoft.Playwright;

namespace GridGuard.BrowserTests.Pages;

/// <summary>
/// The registry directory: /households (search box labelled 查找住户, results in data-testid="households"),
/// /households/new (form: 网格, 地址 …, button 保存), /households/{id} (h1 = the address; members in
/// data-testid="members", each data-testid="member" with data-testid="id-number" and, for ID viewers only, the button
/// 显示完整号码), /households/{id}/members/new (form: 姓名, 证件号码, 手机号码, group checkboxes, button 保存).
/// Out-of-scope records answer 404 with data-testid="not-found".
/// </summary>
public sealed class HouseholdPages(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Results => page.GetByTestId("households");

    public ILocator Members => page.GetByTestId("members").GetByTestId("member");

    public ILocator RevealButtons => page.GetByRole(AriaRole.Button, new() { Name = "显示完整号码" });

    public ILocator NotFound => page.GetByTestId("not-found");

    public async Task SearchAsync(string query)
    {
        await page.GetByLabel("查找住户", new() { Exact = true }).FillAsync(query);
        await page.GetByRole(AriaRole.Button, new() { Name = "查找", Exact = true }).ClickAsync();
    }

    public async Task CreateAsync(string address)
    {
        await page.GetByTestId("create-household").ClickAsync();
        await page.GetByLabel("地址", new() { Exact = true }).FillAsync(address);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
    }

    public async Task AddMemberAsync(string name, string idNumber, string phone, params string[] groups)
    {
        await page.GetByTestId("add-member").ClickAsync();
        await page.GetByLabel("姓名", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("证件号码", new() { Exact = true }).FillAsync(idNumber);
        await page.GetByLabel("手机号码", new() { Exact = true }).FillAsync(phone);
        foreach (var group in groups)
        {
            await page.GetByLabel(group, new() { Exact = true }).CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
    }

    public async Task<int?> GotoAsync(string path)
    {
        var response = await page.GotoAsync(path);
        return response?.Status;
    }
}
