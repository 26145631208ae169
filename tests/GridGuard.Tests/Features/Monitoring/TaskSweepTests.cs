using GridGuard.Features.Monitoring;
using GridGuard.Features.Monitoring.Tasks;

namespace GridGuard.Tests.Features.Monitoring;

/// <summary>The sweep as a pure function: slots, notice, overdue tests and escalation, at chosen instants.</summary>
public sealed class TaskSweepTests
{
    private static readonly DateOnly Day = new(2027, 3, 10);
    private static readonly Guid PlanId = Guid.CreateVersion7();
    private static readonly Guid TestId = Guid.CreateVersion7();

    private static DateTime At(DateOnly day, int hour, int minute = 0) => MonitoringKit.Local(day, hour, minute).UtcDateTime;

    private static TaskSweep.Plan Plan(int checksPerDay, DateTime activeSince, DateTime[] checks, TaskSweep.Test[]? tests = null) =>
        new(PlanId, Guid.Empty, Guid.Empty, null, activeSince, [new TaskSweep.Phase(Day, Day.AddDays(6), checksPerDay, false)], tests ?? [], checks);

    private static List<string> Keys(TaskSweep.Plan plan, DateTime now, IReadOnlySet<string>? existing = null) =>
        [.. TaskSweep.Run([plan], existing ?? new HashSet<string>(), [], now, MonitoringKit.Zone).Open.Select(t => t.Key)];

    [Theory]
    // Two a day: the morning ends at 12:00 local. At 11:59 nothing has ended.
    [InlineData(2, 11, 59, new int[0], new string[0])]
    // At 12:00 the unchecked morning is missed.
    [InlineData(2, 12, 0, new int[0], new[] { "1" })]
    // A check at 09:00 covers the morning; the afternoon is still running at 23:00.
    [InlineData(2, 23, 0, new[] { 9 }, new string[0])]
    // A check at 13:00 covers only the afternoon: the morning is missed.
    [InlineData(2, 23, 59, new[] { 13 }, new[] { "1" })]
    // One a day: at 23:59 the day is not over yet.
    [InlineData(1, 23, 59, new int[0], new string[0])]
    // One a day: a check at any hour covers the day.
    [InlineData(1, 23, 0, new[] { 22 }, new string[0])]
    public void MissedSlots_ChecksAtHours_MissedSlotsOfTheDay(int perDay, int hour, int minute, int[] checkHours, string[] slots)
    {
        var plan = Plan(perDay, At(Day.AddDays(-1), 20), [.. checkHours.Select(h => At(Day, h))]);

        var keys = Keys(plan, At(Day, hour, minute));

        Assert.Equal(slots.Select(s => TaskSweep.MissedCheckKey(PlanId, Day, int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))), keys);
    }

    [Fact]
    public void MissedSlots_OneADayNoCheck_MissedWhenTheDayEndsDueAtMidnight()
    {
        var plan = Plan(1, At(Day.AddDays(-1), 20), []);

        var result = TaskSweep.Run([plan], new HashSet<string>(), [], At(Day.AddDays(1), 0, 1), MonitoringKit.Zone);

        var task = Assert.Single(result.Open);
        Assert.Equal(WorkTaskKind.MissedCheck, task.Kind);
        Assert.Equal(At(Day.AddDays(1), 0), task.DueAt);
    }

    [Fact]
    public void MissedSlots_PlanConfirmedLessThanTwoHoursBeforeTheSlotEnds_NotMissed()
    {
        var plan = Plan(2, At(Day, 10, 30), []);

        Assert.Empty(Keys(plan, At(Day, 12, 0)));
        Assert.Equal([TaskSweep.MissedCheckKey(PlanId, Day, 2)], Keys(plan, At(Day.AddDays(1), 0)));
    }

    [Fact]
    public void OverdueTest_DueDayEndedWithoutResult_TaskOnceAndNoneWithAResult()
    {
        var open = Plan(0, At(Day.AddDays(-1), 20), [], [new TaskSweep.Test(TestId, Day, false)]);
        var done = Plan(0, At(Day.AddDays(-1), 20), [], [new TaskSweep.Test(TestId, Day, true)]);
        var key = TaskSweep.OverdueTestKey(TestId);

        Assert.Empty(Keys(open, At(Day, 23, 59)));
        Assert.Equal([key], Keys(open, At(Day.AddDays(1), 0)));
        Assert.Empty(Keys(open, At(Day.AddDays(1), 0), new HashSet<string> { key }));
        Assert.Empty(Keys(done, At(Day.AddDays(2), 0)));
    }

    [Fact]
    public void Escalation_OpenTwentyFourHoursAfterDue_EscalatedOnce()
    {
        var due = At(Day, 12);
        var id = Guid.CreateVersion7();

        TaskSweep.Result Run(DateTime now, bool escalated) =>
            TaskSweep.Run([], new HashSet<string>(), [new TaskSweep.OpenTask(id, due, escalated)], now, MonitoringKit.Zone);

        Assert.Empty(Run(due.AddHours(24).AddSeconds(-1), false).Escalate);
        Assert.Equal([id], Run(due.AddHours(24), false).Escalate);
        Assert.Empty(Run(due.AddHours(30), true).Escalate);
    }
}
