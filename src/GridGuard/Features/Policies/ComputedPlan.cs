using GridGuard.Features.Households;

namespace GridGuard.Features.Policies;

/// <summary>
/// The result of <see cref="PlanCalculator"/>: a proposal for staff to confirm, with the policy, version and rule
/// that produced it. <see cref="ManualDecisionRequired"/> plans carry the reason and may have no phases or tests.
/// </summary>
public sealed record ComputedPlan(
    PlanInput Input,
    string? PolicyName,
    int? PolicyVersion,
    string? RuleId,
    bool ManualDecisionRequired,
    string? ManualDecisionReason,
    SpecialGroupException? Exception,
    OneOffOutcome? OneOff,
    IReadOnlyList<PlannedPhase> Phases,
    IReadOnlyList<PlannedTest> Tests)
{
    /// <summary>The last day of the last phase; null when the plan has no phases (a one-off rule, a manual decision).</summary>
    public DateOnly? End => Phases.Count == 0 ? null : Phases[^1].End;

    /// <summary>The phase a calendar day falls in, or null outside the plan (for check tasks).</summary>
    public PlannedPhase? PhaseOn(DateOnly day) => Phases.FirstOrDefault(p => p.Start <= day && day <= p.End);
}

/// <summary>
/// One phase with inclusive dates. <see cref="RuleKind"/> is what the rule said; <see cref="Kind"/> differs only
/// under the special-group exception (Central → Home, with <see cref="DailyVisits"/>). <see cref="Elapsed"/>: the
/// phase ended before the person was registered.
/// </summary>
public sealed record PlannedPhase(
    int Number,
    PhaseKind Kind,
    PhaseKind RuleKind,
    DateOnly Start,
    DateOnly End,
    int ChecksPerDay,
    bool DailyVisits,
    bool Elapsed)
{
    public int Days => End.DayNumber - Start.DayNumber + 1;
}

/// <summary>
/// One test to take. <see cref="Covers"/> lists the rule's tests it stands for: one, or several when tests due
/// before registration collapsed into this one. <see cref="Within24hOf"/> is set for the one-off arrival test:
/// “within 24 h of” that day (arrival, or registration when later).
/// </summary>
public sealed record PlannedTest(DateOnly Due, DateOnly? Within24hOf, IReadOnlyList<ScheduledTest> Covers)
{
    /// <summary>Whether this test replaces at least one test whose own due date had already passed.</summary>
    public bool CatchesUp => Covers.Any(c => c.Due < Due);
}

/// <summary>A test as the rule schedules it: phase number and phase day (null for the one-off arrival test).</summary>
public sealed record ScheduledTest(int? Phase, int? Day, DateOnly Due);

/// <summary>
/// The special-group exception (002): the rule gave CentralQuarantine and the person is Child14, Pregnant or
/// SemiDependent. Proposed as HomeQuarantine with daily visits; <see cref="Overridden"/> when staff kept Central.
/// </summary>
public sealed record SpecialGroupException(IReadOnlyList<VulnerableGroup> Groups, bool Overridden)
{
    /// <summary>The name API clients see ("exception": "SpecialGroupHome") while the proposal stands.</summary>
    public const string Name = "SpecialGroupHome";
}

/// <summary>How the one-off requirement was met: by the declared negative test, or by a test to take.</summary>
public enum OneOffOutcome
{
    SatisfiedByProof,
    TestRequired,
}
