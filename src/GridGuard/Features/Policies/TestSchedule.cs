namespace GridGuard.Features.Policies;

/// <summary>
/// Turns the rule's scheduled tests into tests to take, with the catch-up rule of DOMAIN.md §5: tests whose due
/// date passed before a day (registration, or a policy switch) collapse into ONE test due on that day, merged with
/// any test already due that day.
/// </summary>
public static class TestSchedule
{
    /// <summary>One test per scheduled test (merging any that share a due date), in due-date order.</summary>
    public static List<PlannedTest> Plan(IEnumerable<ScheduledTest> scheduled, DateOnly? within24hOf = null) =>
        [.. scheduled.GroupBy(s => s.Due).OrderBy(g => g.Key)
            .Select(g => new PlannedTest(g.Key, within24hOf, [.. g]))];

    /// <summary>
    /// Collapses the tests due before <paramref name="day"/> (except those whose due date is in
    /// <paramref name="keep"/>) into one test due on <paramref name="day"/>, merged with the one due that day.
    /// A collapsed “within 24 h” test runs from <paramref name="day"/> (004: test within 24 h of 报备).
    /// </summary>
    public static List<PlannedTest> CatchUp(IReadOnlyList<PlannedTest> tests, DateOnly day, IReadOnlySet<DateOnly>? keep = null)
    {
        bool Late(PlannedTest t) => t.Due < day && keep?.Contains(t.Due) != true;
        if (!tests.Any(Late))
        {
            return [.. tests];
        }

        var merged = tests.Where(t => Late(t) || t.Due == day).ToList();
        var within = merged.Any(t => t.Within24hOf is not null) ? day : (DateOnly?)null;
        var catchUp = new PlannedTest(day, within, [.. merged.SelectMany(t => t.Covers).OrderBy(c => c.Due)]);
        return [.. tests.Where(t => !Late(t) && t.Due != day).Append(catchUp).OrderBy(t => t.Due)];
    }
}
