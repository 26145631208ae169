using System.Globalization;

namespace GridGuard.Features.Policies;

/// <summary>
/// The JSON shape of a rulebook (files in Rulebooks/, the UI's “edit a copy”, stored versions). Everything is
/// nullable text or numbers so that <see cref="RulebookValidator"/> can answer every mistake in Chinese, by field,
/// instead of the serializer throwing. Enums are their English names; a missing <c>level</c> means any level.
/// </summary>
public sealed record RulebookDocument(
    string? Name,
    int? Version,
    string? EffectiveDate,
    string? Source,
    IReadOnlyList<RuleDocument?>? Rules)
{
    public static RulebookDocument From(Rulebook rulebook) => new(
        rulebook.Name,
        rulebook.Version,
        rulebook.EffectiveDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        rulebook.Source,
        [.. rulebook.Rules.Select(RuleDocument.From)]);
}

public sealed record RuleDocument(
    string? Category,
    string? Level,
    IReadOnlyList<PhaseDocument?>? Phases,
    OneOffDocument? OneOff,
    string? Note)
{
    public static RuleDocument From(PolicyRule rule) => new(
        rule.Category.ToString(),
        rule.Level?.ToString(),
        rule.OneOff is null ? [.. rule.Phases.Select(PhaseDocument.From)] : null,
        rule.OneOff is { } o ? new OneOffDocument(o.NegativeTestWithinDays) : null,
        rule.Note);
}

/// <summary><c>checksPerDay</c> may be left out: 2 for Central and Home, 1 for HomeHealthMonitoring.</summary>
public sealed record PhaseDocument(string? Kind, int? Days, int? ChecksPerDay, IReadOnlyList<int>? TestDays)
{
    public static PhaseDocument From(PhaseRule phase) =>
        new(phase.Kind.ToString(), phase.Days, phase.ChecksPerDay, [.. phase.TestDays]);
}

/// <summary><c>negativeTestWithinDays</c> may be left out: 7 (002, 004: “7日内核酸检测证明”).</summary>
public sealed record OneOffDocument(int? NegativeTestWithinDays);
