using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace GridGuard.BrowserTests.Infrastructure;

/// <summary>
/// Base of every journey: a phone-sized page in its own browser context, and a screenshot in
/// test-results/ when the journey fails.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture fixture)
{
    protected BrowserFixture Fixture { get; } = fixture;

    protected KestrelAppFactory App => Fixture.App;

    /// <summary>Runs <paramref name="journey"/> on a new page; on failure saves test-results/{test}-failure.png and rethrows.</summary>
    protected async Task JourneyAsync(Func<IPage, Task> journey, [CallerMemberName] string test = "")
    {
        var page = await Fixture.NewPhonePageAsync();
        try
        {
            await journey(page);
        }
        catch
        {
            await TryScreenshotAsync(page, $"{test}-failure");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>A failure screenshot must never hide the failure itself.</summary>
    private static async Task TryScreenshotAsync(IPage page, string name)
    {
        try
        {
            await ScreenshotAsync(page, name);
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            // Playwright reports its own timeouts as TimeoutException, not PlaywrightException.
        }
    }

    /// <summary>Saves a full-page screenshot as test-results/{name}.png.</summary>
    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserLane.ResultsDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserLane.ResultsDirectory, name + ".png"),
            FullPage = true,
        });
    }
}
