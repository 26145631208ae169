using System.Globalization;
using GridGuard.Features.Canvassing;

namespace GridGuard.Features.Policies;

/// <summary>
/// The control-plan calculator (DOMAIN.md §5): a pure function of the input and the policy in force. Day k of the
/// plan is Anchor + k; phases follow each other; a test on day d of a phase is due on that phase's d-th date;
/// tests due before registration collapse into one on the registration day; phases that ended before registration
/// are elapsed; the special-group exception and the one-off requirement apply; no rule means a manual decision.
/// </summary>
public static class PlanCalculator
{
    /// <summary>Computes under the policy in force on the anchor date (<see cref="PolicySelector.InForce"/>).</summary>
    public static ComputedPlan Compute(PlanInput input, IEnumerable<Rulebook> policies) =>
        Compute(input, PolicySelector.InForce(policies, input.Anchor));

    /// <summary>Computes under <paramref name="policy"/>; null means no policy is in force (a manual decision).</summary>
    public static ComputedPlan Compute(PlanInput input, Rulebook? policy)
    {
        if (policy is null)
        {
            return Manual(input, null, $"没有在 {Day(input.Anchor)} 生效的管控规则，需人工决定");
        }

        var rule = policy.Match(input.Category, input.RiskLevel);
        if (rule is null)
        {
            return Manual(input, policy,
                $"管控规则“{policy.Name}”第 {policy.Version} 版没有适用于{Describe(policy, input)}的规则，需人工决定");
        }

        var plan = rule.OneOff is { } oneOff ? OneOffPlan(input, policy, rule, oneOff) : PhasedPlan(input, policy, rule);
        return input.Proof is { Negative: false } proof
            ? plan with
            {
                ManualDecisionRequired = true,
                ManualDecisionReason = $"申报的核酸检测（{Day(proof.Date)}）结果不是阴性，需人工决定",
            }
            : plan;
    }

    private static ComputedPlan PhasedPlan(PlanInput input, Rulebook policy, PolicyRule rule)
    {
        var special = SpecialGroups.Among(input.Groups);
        var exception = special.Count > 0 && rule.Phases.Any(p => p.Kind == PhaseKind.CentralQuarantine)
            ? new SpecialGroupException(special, input.KeepCentralForSpecialGroup)
            : null;
        var toHome = exception is { Overridden: false };

        var phases = new List<PlannedPhase>(rule.Phases.Count);
        var scheduled = new List<ScheduledTest>();
        var start = input.Anchor.AddDays(1);
        for (var i = 0; i < rule.Phases.Count; i++)
        {
            var phase = rule.Phases[i];
            var end = start.AddDays(phase.Days - 1);
            var home = toHome && phase.Kind == PhaseKind.CentralQuarantine;
            phases.Add(new PlannedPhase(i + 1, home ? PhaseKind.HomeQuarantine : phase.Kind, phase.Kind, start, end,
                phase.ChecksPerDay, DailyVisits: home, Elapsed: end < input.RegisteredOn));
            foreach (var day in phase.TestDays)
            {
                scheduled.Add(new ScheduledTest(i + 1, day, start.AddDays(day - 1)));
            }

            start = end.AddDays(1);
        }

        var tests = TestSchedule.CatchUp(TestSchedule.Plan(scheduled), input.RegisteredOn);
        return new ComputedPlan(input, policy.Name, policy.Version, rule.Id, false, null, exception, null, phases, tests);
    }

    /// <summary>
    /// Satisfied by a negative test sampled within N days before arrival (Anchor − N ≤ date ≤ Anchor); otherwise one
    /// test due within 24 h of arrival, or of registration when that is later.
    /// </summary>
    private static ComputedPlan OneOffPlan(PlanInput input, Rulebook policy, PolicyRule rule, OneOffTestRule oneOff)
    {
        var a = input.Anchor;
        var satisfied = input.Proof is { Negative: true } proof
            && proof.Date <= a && proof.Date >= a.AddDays(-oneOff.NegativeTestWithinDays);
        List<PlannedTest> tests = satisfied
            ? []
            : TestSchedule.CatchUp(TestSchedule.Plan([new ScheduledTest(null, null, a)], within24hOf: a), input.RegisteredOn);
        return new ComputedPlan(input, policy.Name, policy.Version, rule.Id, false, null, null,
            satisfied ? OneOffOutcome.SatisfiedByProof : OneOffOutcome.TestRequired, [], tests);
    }

    private static ComputedPlan Manual(PlanInput input, Rulebook? policy, string reason) =>
        new(input, policy?.Name, policy?.Version, null, true, reason, null, null, [], []);

    /// <summary>“返乡人员（中风险）”, “返乡人员（风险等级未知）” where the rulebook grades the category, else “发热人员”.</summary>
    private static string Describe(Rulebook policy, PlanInput input)
    {
        var category = input.Category.Label();
        if (input.RiskLevel is { } level)
        {
            return $"{category}（{level.Label()}）";
        }

        return policy.Rules.Any(r => r.Category == input.Category && r.Level is not null) ? $"{category}（风险等级未知）" : category;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
