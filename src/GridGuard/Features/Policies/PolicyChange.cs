namespace GridGuard.Features.Policies;

/// <summary>
/// A policy switch for one open plan (DOMAIN.md §5 “Policy changes”): the plan recomputed under the new rulebook,
/// with the old and the new end date and test days, for staff to see before it is applied.
/// </summary>
public static class PolicyChange
{
    /// <summary>
    /// Recomputes <paramref name="current"/>'s input under <paramref name="next"/>. The switch day acts like a
    /// registration day for the new schedule: new tests due before it that the current plan did not already have
    /// on the same date collapse into one test on the switch day (tests that were already scheduled keep their
    /// dates, so recomputing under an unchanged rulebook changes nothing).
    /// </summary>
    public static PlanChange Diff(ComputedPlan current, Rulebook? next, DateOnly switchDay)
    {
        var recomputed = PlanCalculator.Compute(current.Input, next);
        var keep = current.Tests.Select(t => t.Due).ToHashSet();
        var plan = recomputed with { Tests = TestSchedule.CatchUp(recomputed.Tests, switchDay, keep) };
        return new PlanChange(current, plan);
    }
}

public sealed record PlanChange(ComputedPlan Current, ComputedPlan Next)
{
    public DateOnly? OldEnd => Current.End;

    public DateOnly? NewEnd => Next.End;

    public IReadOnlyList<DateOnly> OldTestDays => [.. Current.Tests.Select(t => t.Due)];

    public IReadOnlyList<DateOnly> NewTestDays => [.. Next.Tests.Select(t => t.Due)];

    /// <summary>Whether applying the change would alter anything staff or the person would notice.</summary>
    public bool Changed =>
        OldEnd != NewEnd
        || !OldTestDays.SequenceEqual(NewTestDays)
        || Current.ManualDecisionRequired != Next.ManualDecisionRequired
        || Current.OneOff != Next.OneOff
        || !Current.Phases.Select(p => (p.Kind, p.Start, p.End, p.ChecksPerDay))
            .SequenceEqual(Next.Phases.Select(p => (p.Kind, p.Start, p.End, p.ChecksPerDay)));
}
