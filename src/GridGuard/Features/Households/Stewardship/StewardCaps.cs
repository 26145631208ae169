using GridGuard.Features.Jurisdictions;

namespace GridGuard.Features.Households.Stewardship;

/// <summary>
/// County settings for stewardship caps (configuration section "Stewardship", DOMAIN.md §3): an urban steward has
/// about 10 households and is warned above <see cref="UrbanWarnAbove"/>; a rural steward has at most
/// <see cref="RuralMax"/>, and the next one is refused unless the county sets <see cref="RuralOverride"/>.
/// </summary>
public sealed class StewardshipOptions
{
    public const string Section = "Stewardship";

    public int UrbanWarnAbove { get; set; } = 12;

    public int RuralMax { get; set; } = 20;

    public bool RuralOverride { get; set; }
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<CapOutcome>))]
public enum CapOutcome
{
    /// <summary>Within the cap.</summary>
    Ok,

    /// <summary>Assigned, but the user is told the steward has more households than an urban steward should.</summary>
    Warned,

    /// <summary>Not assigned: a rural steward would pass the maximum.</summary>
    Refused,
}

/// <summary>The result of checking one more household for a steward, with the Chinese message for the user.</summary>
public sealed record CapCheck(CapOutcome Outcome, int NewCount, string? Message);

/// <summary>Stewardship caps as a pure function: no I/O, the counts and settings are passed in.</summary>
public static class StewardCaps
{
    /// <summary>
    /// Checks giving a steward who already holds <paramref name="currentCount"/> households one more, in a grid of
    /// <paramref name="settlement"/>. An unknown settlement is treated as urban: warn, never refuse, so that a tree
    /// without settlements does not block the work.
    /// </summary>
    public static CapCheck Check(Settlement? settlement, int currentCount, StewardshipOptions options)
    {
        var next = currentCount + 1;
        if (settlement == Settlement.Rural)
        {
            if (next <= options.RuralMax)
            {
                return new CapCheck(CapOutcome.Ok, next, null);
            }

            return options.RuralOverride
                ? new CapCheck(CapOutcome.Warned, next,
                    $"包户责任人：将包保 {next} 户，超过农村上限 {options.RuralMax} 户（县级已允许超限）")
                : new CapCheck(CapOutcome.Refused, currentCount,
                    $"包户责任人：已包保 {currentCount} 户，农村每名责任人最多 {options.RuralMax} 户，请改派其他责任人");
        }

        return next > options.UrbanWarnAbove
            ? new CapCheck(CapOutcome.Warned, next,
                $"包户责任人：将包保 {next} 户，城镇每名责任人约 10 户，已超过提醒线 {options.UrbanWarnAbove} 户")
            : new CapCheck(CapOutcome.Ok, next, null);
    }

    /// <summary>The number shown beside a steward's count: the urban warn level or the rural maximum.</summary>
    public static int Limit(Settlement? settlement, StewardshipOptions options) =>
        settlement == Settlement.Rural ? options.RuralMax : options.UrbanWarnAbove;

    /// <summary>True when a count should carry a badge: above the urban warn level, or at/over the rural maximum.</summary>
    public static bool IsOver(Settlement? settlement, int count, StewardshipOptions options) =>
        settlement == Settlement.Rural ? count >= options.RuralMax : count > options.UrbanWarnAbove;
}
