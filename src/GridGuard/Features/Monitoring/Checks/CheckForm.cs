using System.Globalization;

namespace GridGuard.Features.Monitoring.Checks;

/// <summary>The phone form of a health check: the temperature as typed, symptom name → "true" for checked boxes, a note.</summary>
public sealed class CheckForm
{
    public string? Temperature { get; set; }

    public Dictionary<string, string>? Symptoms { get; set; } = [];

    public string? Note { get; set; }

    public RecordHealthCheck.Request ToRequest() => new()
    {
        Temperature = string.IsNullOrWhiteSpace(Temperature) ? null
            : double.TryParse(Temperature.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var t) ? t : double.NaN,
        Symptoms = [.. (Symptoms ?? []).Where(s => s.Value is "true" or "on").Select(s => s.Key)],
        Note = Note,
    };
}
