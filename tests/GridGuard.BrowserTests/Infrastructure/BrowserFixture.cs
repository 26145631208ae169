using Microsoft.Playwright;

namespace GridGuard.BrowserTests.Infrastructure;

/// <summary>
/// One app on Kestrel and one headless Chromium for the whole browser collection. Nothing starts when
/// the lane is off; when it is on, a missing Chromium throws here and every test of the lane fails.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime, IAsyncDisposable
{
    private IPlaywright? playwright;
    private IBrowser? browser;
    private KestrelAppFactory? app;

    public KestrelAppFactory App => app ?? throw new InvalidOperationException("The browser lane is off.");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser lane is off.");

    public async Task InitializeAsync()
    {
        if (!BrowserLane.Enabled)
        {
            return;
        }

        var chromium = BrowserLane.ChromiumPath;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"{BrowserLane.Variable} is set but Chromium is missing at {chromium}. " +
                "Install it with: apt-get install -y chromium fonts-noto-cjk");
        }

        app = new KestrelAppFactory();
        app.StartKestrel();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = BrowserLane.ChromiumArgs,
        });
    }

    /// <summary>A fresh context (own cookies) with a page at phone size 360×740, in Chinese.</summary>
    public Task<IPage> NewPhonePageAsync() => NewPhonePageAsync(Browser);

    /// <summary>The same phone-sized page on another browser (one launched with other switches), granted <paramref name="permissions"/>.</summary>
    public async Task<IPage> NewPhonePageAsync(IBrowser on, params string[] permissions)
    {
        var context = await on.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.RootUri.ToString(),
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            IsMobile = true,
            HasTouch = true,
            Permissions = permissions,
        });
        context.SetDefaultTimeout(10_000);
        // Loading a page is server work, which a loaded CI machine can slow down; the journeys assert behaviour, not speed.
        context.SetDefaultNavigationTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
