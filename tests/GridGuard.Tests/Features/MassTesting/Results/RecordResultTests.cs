using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.ControlPlans;
using GridGuard.Features.MassTesting;
using GridGuard.Features.MassTesting.Results;
using GridGuard.Features.Monitoring;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Features.Monitoring;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.MassTesting.Results;

[Collection(AppCollection.Name)]
public sealed class RecordResultTests(AppFactory app)
{
    [Fact]
    public async Task RecordResult_PooledPositiveThenSingleRetests_NineNegativeCloseTheirTasksOneBecomesPositive()
    {
        var s = await ResultsKit.SetupAsync(app, 10);
        var pool = await ResultsKit.TubeAsync(app, s, 10, s.People);
        var now = app.Clock.GetUtcNow().UtcDateTime;

        var recorded = await ResultsKit.RecordAsync(s.LabClient, pool.Barcode, "阳性");

        Assert.Equal(SamplingOutcome.PooledPositive, recorded.Outcome);
        Assert.Equal(10, recorded.RetestTasks);
        var tasks = await app.WithDbAsync(db => db.WorkTasks.AsNoTracking()
            .Where(t => t.RoundId == s.RoundId && t.Kind == WorkTaskKind.Retest).ToListAsync());
        Assert.Equal(s.People.Order(), tasks.Select(t => t.PersonId).Order());
        Assert.All(tasks, t =>
        {
            Assert.Equal(0, t.Priority);
            Assert.Equal(WorkTaskStatus.Open, t.Status);
            Assert.Equal(s.Round.Tree.Grid1.Id, t.JurisdictionId);
            Assert.Equal(now + PoolingRules.RetestWithin, t.DueAt);
        });
        Assert.Equal(pool.Samplings.Select(ResultPropagation.RetestKey).Order(), tasks.Select(t => t.Key).Order());
        var members = await MembersAsync(s);
        Assert.All(members, m => Assert.Equal(SamplingOutcome.PooledPositive, m.Outcome));

        // The village and the township are notified at once: both see the retests in their task list.
        foreach (var (role, node) in new[] { (Role.VillageOfficer, s.Round.Tree.Village1.Id), (Role.TownshipOfficer, s.Round.Tree.Township1.Id) })
        {
            var officer = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (role, node)));
            var page = await MonitoringKit.TasksAsync(officer, $"kind=Retest&node={s.Round.Tree.Grid1.Id}&limit=50");
            Assert.Equal(tasks.Select(t => t.Id).Order(), page.Items.Where(i => tasks.Any(t => t.Id == i.Id)).Select(i => i.Id).Order());
        }

        // Every member's record shows the stay-in-place instruction.
        var gridManager = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, s.Round.Tree.Grid1.Id)));
        var html = await gridManager.GetStringAsync($"/persons/{s.People[3]}");
        Assert.Contains("请原地等待单管复核", html, StringComparison.Ordinal);
        Assert.Contains(pool.Barcode, html, StringComparison.Ordinal);

        // Single-tube retests, sampled after the tasks were made: one positive, nine negative.
        var later = now.AddMinutes(40);
        var singles = new List<string>();
        foreach (var person in s.People)
        {
            singles.Add((await ResultsKit.TubeAsync(app, s, 1, [person], later)).Barcode);
        }

        for (var i = 0; i < singles.Count; i++)
        {
            var single = await ResultsKit.RecordAsync(s.LabClient, singles[i], i == 0 ? "Positive" : "Negative");
            Assert.Equal(i == 0 ? SamplingOutcome.Positive : SamplingOutcome.Negative, single.Outcome);
        }

        var after = await app.WithDbAsync(db => db.WorkTasks.AsNoTracking()
            .Where(t => t.RoundId == s.RoundId && t.Kind == WorkTaskKind.Retest).ToListAsync());
        Assert.All(after.Where(t => t.PersonId != s.People[0]), t => Assert.Equal(WorkTaskStatus.Done, t.Status));
        Assert.All(after, t => Assert.Equal(s.Lab.Id, t.ClosedById));
        members = await MembersAsync(s);
        Assert.Equal(SamplingOutcome.Positive, members.Single(m => m.PersonId == s.People[0]).Outcome);
        Assert.All(members.Where(m => m.PersonId != s.People[0]), m => Assert.Equal(SamplingOutcome.Negative, m.Outcome));
    }

    [Fact]
    public async Task RecordResult_NegativeTwiceThenPositive_IdempotentThenConflict409()
    {
        var s = await ResultsKit.SetupAsync(app, 5);
        var tube = await ResultsKit.TubeAsync(app, s, 5, s.People);

        var first = await ResultsKit.RecordAsync(s.LabClient, tube.Barcode, "Negative");
        var again = await ResultsKit.RecordAsync(s.LabClient, tube.Barcode, "阴性");
        var conflict = await ResultsKit.PostAsync(s.LabClient, tube.Barcode, "阳性");

        Assert.True(first.Changed);
        Assert.Equal(5, first.Samplings);
        Assert.False(again.Changed);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("需更正并说明原因", await conflict.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (tubeRow, outcomes) = await app.WithDbAsync(async db => (
            await db.Tubes.AsNoTracking().SingleAsync(t => t.Id == tube.TubeId),
            await db.Samplings.AsNoTracking().Where(x => x.TubeId == tube.TubeId).Select(x => x.Outcome).ToListAsync()));
        Assert.Equal(TestResult.Negative, tubeRow.Result);
        Assert.Equal(s.Lab.Id, tubeRow.ResultById);
        Assert.All(outcomes, o => Assert.Equal(SamplingOutcome.Negative, o));
        Assert.All(await MembersAsync(s), m => Assert.Equal(SamplingOutcome.Negative, m.Outcome));
        Assert.Empty(await app.WithDbAsync(db => db.WorkTasks.Where(t => t.RoundId == s.RoundId && t.Kind == WorkTaskKind.Retest).ToListAsync()));
    }

    [Fact]
    public async Task RecordResult_Invalid_MembersBackOnTheMissingListAndTalliesDown()
    {
        var s = await ResultsKit.SetupAsync(app, 5);
        var tube = await ResultsKit.TubeAsync(app, s, 5, s.People);
        var before = await TallyAsync(s);

        var recorded = await ResultsKit.RecordAsync(s.LabClient, tube.Barcode, "无效");

        Assert.Equal(SamplingOutcome.Invalid, recorded.Outcome);
        var members = await MembersAsync(s);
        Assert.All(members, m =>
        {
            Assert.Null(m.FirstSampledAt);
            Assert.Equal(SamplingOutcome.Invalid, m.Outcome);
        });
        Assert.Equal(before - 5, await TallyAsync(s));
    }

    [Fact]
    public async Task CorrectResult_InvalidToNegative_WithReasonAuditedAndMembersSampledAgain()
    {
        var s = await ResultsKit.SetupAsync(app, 5);
        var tube = await ResultsKit.TubeAsync(app, s, 5, s.People);
        var before = await TallyAsync(s);
        await ResultsKit.RecordAsync(s.LabClient, tube.Barcode, "Invalid");

        var noReason = await s.LabClient.PostAsJsonAsync("/api/lab-results/correction", new { barcode = tube.Barcode, result = "阴性", reason = " " });
        var corrected = await s.LabClient.PostAsJsonAsync("/api/lab-results/correction",
            new { barcode = tube.Barcode, result = "阴性", reason = "实验室复测，原判读错误" });

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("更正原因", (await Problem.ReadAsync(noReason)).Errors!["Reason"][0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var members = await MembersAsync(s);
        Assert.All(members, m =>
        {
            Assert.NotNull(m.FirstSampledAt);
            Assert.Equal(SamplingOutcome.Negative, m.Outcome);
        });
        Assert.Equal(before, await TallyAsync(s));
        var (row, audits) = await app.WithDbAsync(async db => (
            await db.Tubes.AsNoTracking().SingleAsync(t => t.Id == tube.TubeId),
            await db.AuditEntries.AsNoTracking().Where(a => a.Entity == nameof(Tube) && a.EntityId == tube.TubeId.ToString()).ToListAsync()));
        Assert.Equal(TestResult.Negative, row.Result);
        Assert.Equal("实验室复测，原判读错误", row.CorrectionReason);
        Assert.Contains(audits, a => a.Action == AuditAction.Modified && a.Changes.Contains("实验室复测", StringComparison.Ordinal)
            && a.Changes.Contains("Invalid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CorrectResult_PooledPositiveToNegative_ClosesTheRetests()
    {
        var s = await ResultsKit.SetupAsync(app, 5);
        var tube = await ResultsKit.TubeAsync(app, s, 5, s.People);
        await ResultsKit.RecordAsync(s.LabClient, tube.Barcode, "阳性");

        var corrected = await s.LabClient.PostAsJsonAsync("/api/lab-results/correction",
            new { barcode = tube.Barcode, result = "Negative", reason = "录入错误" });

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var tasks = await app.WithDbAsync(db => db.WorkTasks.AsNoTracking().Where(t => t.RoundId == s.RoundId && t.Kind == WorkTaskKind.Retest).ToListAsync());
        Assert.Equal(5, tasks.Count);
        Assert.All(tasks, t => Assert.Equal(WorkTaskStatus.Done, t.Status));
        Assert.All(await MembersAsync(s), m => Assert.Equal(SamplingOutcome.Negative, m.Outcome));
    }

    [Fact]
    public async Task RecordResult_LabOfAnotherTownship_404AndUnknownTube404AndBadInput400()
    {
        var s = await ResultsKit.SetupAsync(app, 1);
        var tube = await ResultsKit.TubeAsync(app, s, 1, s.People);
        var otherLab = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.MedicalStaff, s.Round.Tree.Township2.Id)));
        var villageOfficer = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, s.Round.Tree.Village1.Id)));

        var other = await ResultsKit.PostAsync(otherLab, tube.Barcode, "阴性");
        var unknown = await ResultsKit.PostAsync(s.LabClient, ResultsKit.NewBarcode(), "阴性");
        var notLab = await ResultsKit.PostAsync(villageOfficer, tube.Barcode, "阴性");
        var bad = await ResultsKit.PostAsync(s.LabClient, "x", "可能");

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("未找到该采样管", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, notLab.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await Problem.ReadAsync(bad);
        Assert.Contains("采样管条码", problem.Errors!["Barcode"][0], StringComparison.Ordinal);
        Assert.Contains("检测结果", problem.Errors!["Result"][0], StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.Tubes.Where(t => t.Id == tube.TubeId).Select(t => t.Result).SingleAsync()));
    }

    private Task<List<GridGuard.Features.MassTesting.RoundMember>> MembersAsync(ResultsKit.Setup s) =>
        app.WithDbAsync(db => db.RoundMembers.AsNoTracking().Where(m => m.RoundId == s.RoundId).ToListAsync());

    private Task<int> TallyAsync(ResultsKit.Setup s) =>
        app.WithDbAsync(db => db.RoundTallies.Where(t => t.RoundId == s.RoundId).SumAsync(t => t.Sampled));
}
