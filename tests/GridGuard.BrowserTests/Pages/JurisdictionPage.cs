using Microsoft.Playwright;

namespace GridGuard.BrowserTests.Pages;

/// <summary>
/// /jurisdictions/{id}: the node's name in the &lt;h1&gt;, its children as links in data-testid="children",
/// the trail in data-testid="breadcrumb"; a missing or out-of-scope node shows data-testid="not-found" (404).
/// </summary>
public sealed class JurisdictionPage(IPage page)
{
    private readonly Shell shell = new(page);

    public ILocator Heading => shell.Heading;

    public ILocator Children => page.GetByTestId("children");

    public ILocator Breadcrumb => page.GetByTestId("breadcrumb");

    public ILocator BreadcrumbItems => Breadcrumb.GetByRole(AriaRole.Listitem);

    public ILocator NotFound => page.GetByTestId("not-found");

    /// <summary>Opens a node by URL, as a pasted or bookmarked link would; returns the HTTP status.</summary>
    public async Task<int> GotoAsync(Guid id)
    {
        var response = await page.GotoAsync($"/jurisdictions/{id}");
        return response?.Status ?? 0;
    }

    /// <summary>辖区 in the menu, then the user's own node (unless 辖区 already lands on it).</summary>
    public async Task OpenFromMenuAsync(string homeName)
    {
        await shell.OpenAsync("辖区");
        if (await Heading.TextContentAsync() != homeName)
        {
            await shell.Main.GetByRole(AriaRole.Link, new() { Name = homeName, Exact = true }).First.ClickAsync();
        }
    }

    /// <summary>Drills down by clicking a child in the children list.</summary>
    public Task OpenChildAsync(string name) =>
        Children.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
}
