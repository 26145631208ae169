using Microsoft.Playwright;

namespace GridGuard.BrowserTests.Pages;

/// <summary>The sampler's page (/testing-rounds/{id}/sample) and the coverage board, as a sampler and an organiser use them.</summary>
public sealed class SamplerPage(IPage page)
{
    public ILocator Queue => page.GetByTestId("queue-state");

    public ILocator Alert => page.GetByTestId("sampler-alert");

    public ILocator TubeCount => page.GetByTestId("tube-count");

    public ILocator TubeClosed => page.GetByTestId("tube-closed");

    public ILocator Recent => page.GetByTestId("recent-row");

    public async Task GotoAsync(Guid roundId)
    {
        await page.GotoAsync($"/testing-rounds/{roundId}/sample");
        await page.GetByTestId("sampler").WaitForAsync();
    }

    public async Task OpenTubeAsync(string barcode, string poolLabel)
    {
        await page.GetByLabel("扫描采样管条码").FillAsync(barcode);
        await page.GetByLabel(poolLabel).CheckAsync();
        await page.GetByTestId("open-tube").ClickAsync();
    }

    /// <summary>Types what a scanner would: a person's code or an ID number, then Enter.</summary>
    public async Task ScanAsync(string codeOrIdNumber)
    {
        var input = page.GetByLabel("扫个人码或输入身份证号");
        await input.FillAsync(codeOrIdNumber);
        await input.PressAsync("Enter");
    }
}
