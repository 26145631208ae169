using GridGuard.Features.Canvassing;

namespace GridGuard.Features.Policies;

/// <summary>
/// A Policy (管控规则 / 防控方案版本): a named, versioned rulebook with an effective date, mapping
/// (category, risk level) to measure phases or a one-off test requirement. Data, never code (DOMAIN.md §5).
/// Built only by <see cref="RulebookValidator"/>, so every instance is valid.
/// </summary>
public sealed record Rulebook(string Name, int Version, DateOnly EffectiveDate, string? Source, IReadOnlyList<PolicyRule> Rules)
{
    /// <summary>
    /// The rule for a category and risk level: the rule for exactly that level, else the category's any-level rule,
    /// else null (the plan then needs a manual decision; it is never silently ignored).
    /// </summary>
    public PolicyRule? Match(KeyPersonCategory category, RiskLevel? level)
    {
        PolicyRule? any = null;
        foreach (var rule in Rules)
        {
            if (rule.Category != category)
            {
                continue;
            }

            if (rule.Level is null)
            {
                any = rule;
            }
            else if (rule.Level == level)
            {
                return rule;
            }
        }

        return any;
    }
}

/// <summary>
/// One rule: either <see cref="Phases"/> (one or more, in order) or a <see cref="OneOff"/> requirement, never both.
/// <see cref="Level"/> null means “any level” (the category alone decides: CloseContact, InboundTraveler …).
/// </summary>
public sealed record PolicyRule(
    KeyPersonCategory Category,
    RiskLevel? Level,
    IReadOnlyList<PhaseRule> Phases,
    OneOffTestRule? OneOff,
    string? Note)
{
    /// <summary>
    /// The rule's id inside its rulebook, stable across edits of other rules: "CloseContact" or "Returnee:High".
    /// (category, level) is unique in a rulebook, so the id is too. Plans and audit entries record it.
    /// </summary>
    public string Id => Level is { } level ? $"{Category}:{level}" : Category.ToString();
}

/// <summary>
/// One phase: a kind, a length in days, health checks per day (1 or 2: a check per day or per half-day) and the
/// phase days (1-based, ascending, within the phase) on which a test is due.
/// </summary>
public sealed record PhaseRule(PhaseKind Kind, int Days, int ChecksPerDay, IReadOnlyList<int> TestDays);

/// <summary>
/// “Negative test within N days before arrival, else a test within 24 h after arrival” (002, 004).
/// </summary>
public sealed record OneOffTestRule(int NegativeTestWithinDays);
