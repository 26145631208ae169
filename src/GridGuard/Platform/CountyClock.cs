namespace GridGuard.Platform;

/// <summary>
/// "Today" in the county's zone (County:TimeZone, default Asia/Shanghai). Compute it once per
/// request or job and pass the DateOnly into pure rules.
/// </summary>
public sealed class CountyClock(TimeProvider time, IConfiguration configuration)
{
    public TimeZoneInfo Zone { get; } =
        TimeZoneInfo.FindSystemTimeZoneById(configuration["County:TimeZone"] ?? "Asia/Shanghai");

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateTime LocalNow => TimeZoneInfo.ConvertTimeFromUtc(UtcNow, Zone);

    public DateOnly Today => DateOnly.FromDateTime(LocalNow);

    /// <summary>A county wall-clock time (as typed into a form) in UTC; a time already marked UTC is kept.</summary>
    public DateTime ToUtc(DateTime local) => local.Kind == DateTimeKind.Utc
        ? local
        : TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}
