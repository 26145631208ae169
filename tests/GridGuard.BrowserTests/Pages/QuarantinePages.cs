using Microsoft.Playwright;

namespace GridGuard.BrowserTests.Pages;

/// <summary>
/// A quarantine site: /quarantine-sites/{id} (h1 = the site's name; counts in data-testid="count-free",
/// "count-occupied", "count-cleaning"; tiles data-testid="room" in data-testid="bed-board", each with a 退房 or 消杀完成
/// button named after the person or room; link data-testid="assign-room"), and /quarantine-sites/{id}/assign (form:
/// 人员…, 房间, button 入住). Out-of-scope sites answer 404 with data-testid="not-found".
/// </summary>
public sealed class QuarantinePages(IPage page)
{
    public ILocator Free => page.GetByTestId("count-free");

    public ILocator Occupied => page.GetByTestId("count-occupied");

    public ILocator Cleaning => page.GetByTestId("count-cleaning");

    public ILocator Rooms => page.GetByTestId("bed-board").GetByTestId("room");

    public async Task GotoAsync(Guid siteId) => await page.GotoAsync($"/quarantine-sites/{siteId}");

    public async Task AssignAsync(string personLabelStart, string roomCode)
    {
        await page.GetByTestId("assign-room").ClickAsync();
        var person = page.GetByLabel("人员（管控计划生效中、尚未入住）", new() { Exact = true });
        var option = await person.Locator("option").Filter(new() { HasTextString = personLabelStart }).First.GetAttributeAsync("value");
        await person.SelectOptionAsync(option!);
        var room = page.GetByLabel("房间", new() { Exact = true });
        var roomOption = await room.Locator("option").Filter(new() { HasTextString = roomCode }).First.GetAttributeAsync("value");
        await room.SelectOptionAsync(roomOption!);
        await page.GetByRole(AriaRole.Button, new() { Name = "入住", Exact = true }).ClickAsync();
    }

    public Task CheckOutAsync(string personName) =>
        page.GetByRole(AriaRole.Button, new() { Name = $"{personName} 退房", Exact = true }).ClickAsync();

    public Task MarkCleanedAsync(string roomCode) =>
        page.GetByRole(AriaRole.Button, new() { Name = $"{roomCode} 消杀完成", Exact = true }).ClickAsync();
}
