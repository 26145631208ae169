using GridGuard.Features.ControlPlans;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Monitoring.Tasks;

/// <summary>
/// The task sweep against the database: loads the active plans with their phases, open tests and checks and the
/// existing task keys, runs <see cref="TaskSweep.Run"/> at the clock's now, and writes the new tasks and the
/// escalations in one SaveChanges (audited, as the system). Run every few minutes by <see cref="SweepService"/>, on
/// demand by POST /api/tasks/sweep (county command) and by the CLI verb <c>sweep-tasks</c>. Idempotent: a second run
/// finds every key already there; a sweep that loses a race to another one on the unique key saves nothing and
/// reports zero.
/// </summary>
public static class RunSweep
{
    public sealed record Summary(int Opened, int Escalated, DateTime At);

    public static RouteGroupBuilder MapRunSweep(this RouteGroupBuilder group)
    {
        group.MapPost("/sweep", HandleAsync).WithName("RunTaskSweep").WithSummary("立即执行任务扫描：生成漏测、逾期检测任务，升级超时 24 小时的任务");
        return group;
    }

    public static async Task<Results<Ok<Summary>, ProblemHttpResult>> HandleAsync(AppDbContext db, CurrentUser me, CountyClock clock,
        CancellationToken ct)
    {
        if (!me.Grants.Any(g => MonitoringText.SweepRunners.Contains(g.Role)))
        {
            return TypedResults.Problem("只有县指挥部或系统管理员可以立即执行任务扫描", statusCode: StatusCodes.Status403Forbidden, title: "无权操作");
        }

        return TypedResults.Ok(await ExecuteAsync(db, clock, ct));
    }

    public static async Task<Summary> ExecuteAsync(AppDbContext db, CountyClock clock, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var plans = await db.ControlPlans.AsNoTracking()
            .Where(p => p.Status == PlanStatus.Active)
            .Select(p => new
            {
                p.Id,
                p.PersonId,
                p.JurisdictionId,
                StewardId = p.Person!.Household != null ? p.Person.Household.StewardId : null,
                ActiveSince = p.ConfirmedAt ?? p.CreatedAt,
            })
            .ToListAsync(ct);
        var phases = (await db.PlanPhases.AsNoTracking()
                .Where(x => db.ControlPlans.Any(p => p.Id == x.ControlPlanId && p.Status == PlanStatus.Active))
                .Select(x => new { x.ControlPlanId, x.Start, x.End, x.ChecksPerDay, x.Elapsed })
                .ToListAsync(ct))
            .ToLookup(x => x.ControlPlanId, x => new TaskSweep.Phase(x.Start, x.End, x.ChecksPerDay, x.Elapsed));
        var tests = (await db.PlanTests.AsNoTracking()
                .Where(x => x.Result == null && db.ControlPlans.Any(p => p.Id == x.ControlPlanId && p.Status == PlanStatus.Active))
                .Select(x => new { x.Id, x.ControlPlanId, x.Due })
                .ToListAsync(ct))
            .ToLookup(x => x.ControlPlanId, x => new TaskSweep.Test(x.Id, x.Due, false));
        var checks = (await db.HealthChecks.AsNoTracking()
                .Where(c => db.ControlPlans.Any(p => p.Id == c.ControlPlanId && p.Status == PlanStatus.Active))
                .Select(c => new { c.ControlPlanId, c.CheckedAt })
                .ToListAsync(ct))
            .ToLookup(c => c.ControlPlanId, c => c.CheckedAt);
        var keys = (await db.WorkTasks.AsNoTracking()
                .Where(t => t.Kind != WorkTaskKind.Referral && db.ControlPlans.Any(p => p.Id == t.ControlPlanId && p.Status == PlanStatus.Active))
                .Select(t => t.Key)
                .ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var dueBefore = now - TaskSweep.EscalateAfter;
        var late = await db.WorkTasks
            .Where(t => t.Status == WorkTaskStatus.Open && t.EscalatedAt == null && t.DueAt <= dueBefore)
            .ToListAsync(ct);

        var result = TaskSweep.Run(
            plans.Select(p => new TaskSweep.Plan(p.Id, p.PersonId, p.JurisdictionId, p.StewardId, p.ActiveSince, [.. phases[p.Id]],
                [.. tests[p.Id]], [.. checks[p.Id]])),
            keys,
            late.Select(t => new TaskSweep.OpenTask(t.Id, t.DueAt, false)),
            now,
            clock.Zone);

        foreach (var n in result.Open)
        {
            db.WorkTasks.Add(new WorkTask
            {
                Kind = n.Kind,
                Priority = WorkTask.PriorityOf(n.Kind),
                Key = n.Key,
                JurisdictionId = n.JurisdictionId,
                PersonId = n.PersonId,
                ControlPlanId = n.ControlPlanId,
                PlanTestId = n.PlanTestId,
                StewardId = n.StewardId,
                DueAt = n.DueAt,
                Status = WorkTaskStatus.Open,
                CreatedAt = now,
            });
        }

        var escalate = result.Escalate.ToHashSet();
        foreach (var t in late.Where(t => escalate.Contains(t.Id)))
        {
            t.EscalatedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another sweep wrote the same keys first (unique index); nothing of ours was saved, and theirs stands.
            db.ChangeTracker.Clear();
            return new Summary(0, 0, now);
        }

        return new Summary(result.Open.Count, escalate.Count, now);
    }
}
