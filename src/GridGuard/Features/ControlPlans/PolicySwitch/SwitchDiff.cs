using GridGuard.Features.ControlPlans.Plans;
using GridGuard.Features.Policies;

namespace GridGuard.Features.ControlPlans.PolicySwitch;

/// <summary>What switching does to one open plan.</summary>
public enum SwitchOutcome
{
    /// <summary>The end date, test days, phases or one-off outcome change: applying it rewrites the plan.</summary>
    Changed,

    /// <summary>Nothing the person or staff would notice changes; applying only records the new policy.</summary>
    Unchanged,

    /// <summary>The target rulebook has no rule for the plan: it cannot be switched without a staff decision.</summary>
    ManualDecision,
}

public sealed record SwitchLine(OpenPlan Plan, PlanChange Change, SwitchOutcome Outcome);

/// <summary>
/// The policy switch of DOMAIN.md §5 over many plans: each open plan recomputed under the target rulebook with the
/// switch day as the day new past-due tests collapse onto (<see cref="PolicyChange.Diff"/>).
/// </summary>
public static class SwitchDiff
{
    public static IReadOnlyList<SwitchLine> Compute(IEnumerable<OpenPlan> plans, StoredRulebook target, DateOnly switchDay) =>
        [.. plans.Select(p =>
        {
            var change = PolicyChange.Diff(p.Current, target.Rulebook, switchDay);
            var outcome = change.Next.ManualDecisionRequired ? SwitchOutcome.ManualDecision
                : change.Changed ? SwitchOutcome.Changed
                : SwitchOutcome.Unchanged;
            return new SwitchLine(p, change, outcome);
        })];

    public static string Label(this SwitchOutcome outcome) => outcome switch
    {
        SwitchOutcome.Changed => "有变化",
        SwitchOutcome.Unchanged => "无变化",
        SwitchOutcome.ManualDecision => "新规则无对应条款，需人工决定",
        _ => outcome.ToString(),
    };

    /// <summary>"春节返乡规则 v2": the policy and version a plan was (or will be) computed under.</summary>
    public static string PolicyLabel(string? name, int? version) => name is null ? "（无）" : $"{name} v{version}";
}
