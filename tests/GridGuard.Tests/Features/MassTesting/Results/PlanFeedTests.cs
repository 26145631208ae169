using GridGuard.Features.ControlPlans;
using GridGuard.Features.Monitoring;
using GridGuard.Features.Monitoring.Tasks;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.MassTesting.Results;

[Collection(AppCollection.Name)]
public sealed class PlanFeedTests(AppFactory app)
{
    [Fact]
    public async Task SingleTubeNegative_PersonUnderActivePlan_AnswersTheOverduePlanTestAndClosesItsTask()
    {
        var s = await RoundKit.SetupAsync(app);
        var people = await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, ("在管甲", []));
        await RoundKit.PlanAsync(app, people[0], s.Tree.Grid1.Id);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime,
            TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        var (overdue, later) = await app.WithDbAsync(async db =>
        {
            var plan = await db.ControlPlans.SingleAsync(p => p.PersonId == people[0]);
            var a = new PlanTest { ControlPlanId = plan.Id, Due = today.AddDays(-1), Covers = "1:1" };
            var b = new PlanTest { ControlPlanId = plan.Id, Due = today.AddDays(5), Covers = "1:7" };
            db.PlanTests.AddRange(a, b);
            var now = app.Clock.GetUtcNow().UtcDateTime;
            db.WorkTasks.Add(new WorkTask
            {
                Kind = WorkTaskKind.OverdueTest,
                Priority = 1,
                Key = TaskSweep.OverdueTestKey(a.Id),
                JurisdictionId = s.Tree.Grid1.Id,
                PersonId = people[0],
                ControlPlanId = plan.Id,
                PlanTestId = a.Id,
                DueAt = now,
                Status = WorkTaskStatus.Open,
                CreatedAt = now,
            });
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });
        var round = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);
        var sampler = await RoundKit.SamplerAsync(app, s.Tree.Township1.Id);
        var tube = RoundKit.NewBarcode();
        await RoundKit.ScanAsync(sampler, round.Id, people[0], tube, 1);

        await ResultsKit.RecordAsync(sampler, tube, "阴性");

        var (tests, task) = await app.WithDbAsync(async db => (
            await db.PlanTests.Where(t => t.Id == overdue || t.Id == later).ToDictionaryAsync(t => t.Id),
            await db.WorkTasks.SingleAsync(t => t.PlanTestId == overdue)));
        Assert.Equal(TestResult.Negative, tests[overdue].Result);
        Assert.Equal(today, tests[overdue].SampledOn);
        Assert.Null(tests[later].Result);
        Assert.Equal(WorkTaskStatus.Done, task.Status);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Entity == nameof(PlanTest) && e.EntityId == overdue.ToString())));
    }
}
