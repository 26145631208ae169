namespace GridGuard.BrowserTests.Infrastructure;

/// <summary>
/// The browser lane's switches. It runs only when GRIDGUARD_BROWSER is set; then Chromium must be there,
/// and a missing browser fails the run instead of skipping it. The browser is always the Debian package:
/// Playwright never downloads one.
/// </summary>
public static class BrowserLane
{
    public const string Variable = "GRIDGUARD_BROWSER";

    /// <summary>Overrides the Chromium binary (for machines that are not Debian); defaults to /usr/bin/chromium.</summary>
    public const string ChromiumVariable = "GRIDGUARD_CHROMIUM";

    public const string DefaultChromium = "/usr/bin/chromium";

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 };

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : DefaultChromium;

    /// <summary>No GPU, no sandbox (containers), and nothing that phones home or updates itself.</summary>
    public static readonly IReadOnlyList<string> ChromiumArgs =
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    /// <summary>test-results/ at the repository root (gitignored): failure screenshots and journey screenshots.</summary>
    public static string ResultsDirectory { get; } = FindResultsDirectory();

    private static string FindResultsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GridGuard.slnx")))
            {
                return Path.Combine(dir.FullName, "test-results");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "test-results");
    }
}
