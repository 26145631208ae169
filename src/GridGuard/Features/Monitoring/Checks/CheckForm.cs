using System.Globalization;

namespace GridGuard.Features.Monitoring.Checks;

/// <summary>The phone form of a health check: the temperature as typed, symptom name → "true" for checked boxes, a note.</summary>
public sealed class CheckForm
{
    public string? Temperature { get; set; }

    public Dictionary<string, string>? Symptoms { get; set; } = [];

    public string? Note { get; set; }

    /// <summary>For a back-filled check (补录): the county wall-clock time it was taken, as a datetime-local input sends it.</summary>
    public string? CheckedAt { get; set; }

    public RecordHealthCheck.Request ToRequest(TimeZoneInfo zone) => new()
    {
        Temperature = string.IsNullOrWhiteSpace(Temperature) ? null
            : double.TryParse(Temperature.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var t) ? t : double.NaN,
        Symptoms = [.. (Symptoms ?? []).Where(s => s.Value is "true" or "on").Select(s => s.Key)],
        Note = Note,
        CheckedAt = string.IsNullOrWhiteSpace(CheckedAt) ? null
            : DateTime.TryParse(CheckedAt.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
                ? new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone), TimeSpan.Zero)
                : DateTimeOffset.MinValue,
    };
}
