namespace GridGuard.Features.Monitoring.Tasks;

/// <summary>
/// The task sweep as a pure function of (plans, checks, tests, existing tasks, now): which missed-check and overdue-test
/// tasks to open and which open tasks to escalate. No I/O; <see cref="RunSweep"/> loads the inputs and writes the result.
/// <list type="bullet">
/// <item>Check slots: with 2 checks a day, the half-days [00:00, 12:00) and [12:00, 24:00) of each phase day in the county
/// zone; with 1, the whole day. A slot is missed when it has ended, no check falls inside it, and the plan was active at
/// least <see cref="MinimumNotice"/> before its end (a plan confirmed at 11:30 is not late for the morning).</item>
/// <item>A test is overdue when its due day has ended (in the county zone) with no result.</item>
/// <item>An open task still open <see cref="EscalateAfter"/> after its due time escalates to the village.</item>
/// </list>
/// Each task has a key naming what it is about; a key that exists is never made again, so the sweep is idempotent.
/// </summary>
public static class TaskSweep
{
    public static readonly TimeSpan EscalateAfter = TimeSpan.FromHours(24);

    public static readonly TimeSpan MinimumNotice = TimeSpan.FromHours(2);

    public sealed record Phase(DateOnly Start, DateOnly End, int ChecksPerDay, bool Elapsed);

    public sealed record Test(Guid Id, DateOnly Due, bool HasResult);

    /// <summary>An active plan: its phases, its tests, and the instants (UTC) of its checks.</summary>
    public sealed record Plan(Guid Id, Guid PersonId, Guid JurisdictionId, Guid? StewardId, DateTime ActiveSince,
        IReadOnlyList<Phase> Phases, IReadOnlyList<Test> Tests, IReadOnlyList<DateTime> Checks);

    public sealed record OpenTask(Guid Id, DateTime DueAt, bool Escalated);

    public sealed record NewTask(WorkTaskKind Kind, string Key, Guid ControlPlanId, Guid PersonId, Guid JurisdictionId, Guid? StewardId,
        Guid? PlanTestId, DateTime DueAt);

    public sealed record Result(IReadOnlyList<NewTask> Open, IReadOnlyList<Guid> Escalate);

    public static Result Run(IEnumerable<Plan> plans, IReadOnlySet<string> existingKeys, IEnumerable<OpenTask> openTasks, DateTime now,
        TimeZoneInfo zone)
    {
        var open = new List<NewTask>();
        foreach (var plan in plans)
        {
            foreach (var (key, due) in MissedSlots(plan, now, zone))
            {
                if (!existingKeys.Contains(key))
                {
                    open.Add(new NewTask(WorkTaskKind.MissedCheck, key, plan.Id, plan.PersonId, plan.JurisdictionId, plan.StewardId, null, due));
                }
            }

            foreach (var test in plan.Tests)
            {
                var due = Utc(test.Due.AddDays(1), TimeOnly.MinValue, zone);
                var key = OverdueTestKey(test.Id);
                if (!test.HasResult && due <= now && !existingKeys.Contains(key))
                {
                    open.Add(new NewTask(WorkTaskKind.OverdueTest, key, plan.Id, plan.PersonId, plan.JurisdictionId, plan.StewardId, test.Id, due));
                }
            }
        }

        var escalate = openTasks.Where(t => !t.Escalated && t.DueAt + EscalateAfter <= now).Select(t => t.Id).ToList();
        return new Result(open, escalate);
    }

    public static string MissedCheckKey(Guid planId, DateOnly day, int slot) =>
        $"MissedCheck:{planId}:{day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}:{slot}";

    public static string OverdueTestKey(Guid testId) => $"OverdueTest:{testId}";

    public static string ReferralKey(Guid checkId) => $"Referral:{checkId}";

    /// <summary>Ended slots without a check: (key, slot end in UTC).</summary>
    public static IEnumerable<(string Key, DateTime End)> MissedSlots(Plan plan, DateTime now, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(plan.ActiveSince, zone));
        foreach (var phase in plan.Phases)
        {
            if (phase.Elapsed || phase.ChecksPerDay <= 0)
            {
                continue;
            }

            var from = phase.Start > firstDay ? phase.Start : firstDay;
            var to = phase.End < today ? phase.End : today;
            for (var day = from; day <= to; day = day.AddDays(1))
            {
                foreach (var (slot, start, end) in Slots(day, phase.ChecksPerDay, zone))
                {
                    if (end <= now && plan.ActiveSince <= end - MinimumNotice && !plan.Checks.Any(c => c >= start && c < end))
                    {
                        yield return (MissedCheckKey(plan.Id, day, slot), end);
                    }
                }
            }
        }
    }

    /// <summary>The check slots of a day in UTC: two half-days for 2 (or more) checks a day, one whole day for 1.</summary>
    public static IEnumerable<(int Slot, DateTime Start, DateTime End)> Slots(DateOnly day, int checksPerDay, TimeZoneInfo zone)
    {
        var midnight = Utc(day, TimeOnly.MinValue, zone);
        var next = Utc(day.AddDays(1), TimeOnly.MinValue, zone);
        if (checksPerDay >= 2)
        {
            var noon = Utc(day, new TimeOnly(12, 0), zone);
            yield return (1, midnight, noon);
            yield return (2, noon, next);
        }
        else
        {
            yield return (1, midnight, next);
        }
    }

    private static DateTime Utc(DateOnly day, TimeOnly time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(time, DateTimeKind.Unspecified), zone);
}
