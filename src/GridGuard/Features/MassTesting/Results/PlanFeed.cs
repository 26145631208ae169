using GridGuard.Features.ControlPlans;
using GridGuard.Features.Monitoring.Tasks;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Results;

/// <summary>
/// Mass-testing results feed the control plans (issue 4): a single-tube Negative or Positive of a person under an active
/// plan answers that plan's oldest test still without a result that was due by the day after the sampling day (county
/// time) — the test the person was sampled for, or an overdue one. The test gets the result, the sampling day and the
/// time; its overdue-test task closes. Tracked, so the audit log has the change under the plan. (Persons under an open
/// plan are refused in pooled tubes, so single tubes are the ones that matter.)
/// </summary>
public static class PlanFeed
{
    public sealed record Answer(Guid PersonId, DateTime SampledAt, TestResult Result);

    /// <summary>Records the answers on plan tests; returns how many tests were answered. Saves its tracked changes.</summary>
    public static async Task<int> FeedAsync(AppDbContext db, IReadOnlyList<Answer> answers, TimeZoneInfo zone, Guid userId,
        DateTime now, CancellationToken ct)
    {
        if (answers.Count == 0)
        {
            return 0;
        }

        var personIds = answers.Select(a => a.PersonId).Distinct().ToList();
        var open = await db.PlanTests
            .Where(t => t.Result == null && db.ControlPlans.Any(p => p.Id == t.ControlPlanId && p.Status == PlanStatus.Active
                && EF.Parameter(personIds).Contains(p.PersonId)))
            .Join(db.ControlPlans, t => t.ControlPlanId, p => p.Id, (t, p) => new { Test = t, p.PersonId })
            .ToListAsync(ct);
        var answered = 0;
        foreach (var a in answers.OrderBy(a => a.SampledAt))
        {
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(a.SampledAt, DateTimeKind.Utc), zone));
            var test = open.Where(x => x.PersonId == a.PersonId && x.Test.Result is null && x.Test.Due <= day.AddDays(1))
                .OrderBy(x => x.Test.Due).Select(x => x.Test).FirstOrDefault();
            if (test is null)
            {
                continue;
            }

            (test.Result, test.SampledOn, test.ResultAt) = (a.Result, day, now);
            await CloseLateTasks.ForTestAsync(db, test.Id, userId, now, ct);
            answered++;
        }

        await db.SaveChangesAsync(ct);
        return answered;
    }
}
