namespace GridGuard.Features.Jurisdictions.Import;

/// <summary>Bound from the "Import" section.</summary>
public sealed class ImportOptions
{
    public const long DefaultMaxUploadBytes = 64L * 1024 * 1024;

    /// <summary>
    /// The server's own cap on the body of the import page's form post, which the framework reads before the page
    /// runs. It must be a constant; the page honours MaxUploadBytes up to it (the API has no such cap).
    /// </summary>
    public const long PageRequestLimitBytes = 256L * 1024 * 1024 + 64 * 1024;

    /// <summary>Largest CSV file accepted by the upload (API and page). Import:MaxUploadBytes, default 64 MiB.</summary>
    public long MaxUploadBytes { get; set; } = DefaultMaxUploadBytes;

    /// <summary>The limit as people read it: "64 MiB", "512 KiB".</summary>
    public static string Describe(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MiB",
        >= 1024 when bytes % 1024 == 0 => $"{bytes / 1024} KiB",
        _ => $"{bytes} 字节",
    };
}
