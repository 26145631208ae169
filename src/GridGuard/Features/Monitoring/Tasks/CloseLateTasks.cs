using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Monitoring.Tasks;

/// <summary>
/// Closes the tasks a late entry (补录) makes moot: the open missed-check task of the slot a back-filled health check
/// falls in, and the open overdue-test task of a test whose result is recorded. The tasks become Done with the
/// recorder as closer, the clock's now and <see cref="AutoNote"/>; the caller's SaveChanges writes them with its own
/// change, and the audit interceptor records them. Monitoring owns work tasks, so other capabilities close them here.
/// </summary>
public static class CloseLateTasks
{
    public const string AutoNote = "补录后自动关闭";

    /// <summary>The open missed-check task of the plan's slot (half-day or day, as its phase says) that holds <paramref name="checkedAt"/>.</summary>
    public static async Task<IReadOnlyList<Guid>> ForCheckAsync(AppDbContext db, Guid planId, DateTime checkedAt, Guid userId, DateTime now,
        TimeZoneInfo zone, CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(checkedAt, zone));
        var checksPerDay = await db.PlanPhases.AsNoTracking()
            .Where(p => p.ControlPlanId == planId && p.Start <= day && p.End >= day && !p.Elapsed && p.ChecksPerDay > 0)
            .Select(p => (int?)p.ChecksPerDay)
            .FirstOrDefaultAsync(ct);
        if (checksPerDay is not { } perDay)
        {
            return [];
        }

        var slot = TaskSweep.Slots(day, perDay, zone).First(s => checkedAt >= s.Start && checkedAt < s.End).Slot;
        var key = TaskSweep.MissedCheckKey(planId, day, slot);
        var tasks = await db.WorkTasks
            .Where(t => t.Key == key && t.Kind == WorkTaskKind.MissedCheck && t.Status == WorkTaskStatus.Open)
            .ToListAsync(ct);
        return Close(tasks, userId, now);
    }

    /// <summary>The open overdue-test task of the plan test <paramref name="testId"/>.</summary>
    public static async Task<IReadOnlyList<Guid>> ForTestAsync(AppDbContext db, Guid testId, Guid userId, DateTime now, CancellationToken ct)
    {
        var tasks = await db.WorkTasks
            .Where(t => t.Key == TaskSweep.OverdueTestKey(testId) && t.Status == WorkTaskStatus.Open)
            .ToListAsync(ct);
        return Close(tasks, userId, now);
    }

    private static List<Guid> Close(List<WorkTask> tasks, Guid userId, DateTime now)
    {
        foreach (var task in tasks)
        {
            task.Status = WorkTaskStatus.Done;
            task.ClosedById = userId;
            task.ClosedAt = now;
            task.Note = AutoNote;
        }

        return [.. tasks.Select(t => t.Id)];
    }
}
