using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Monitoring;
using GridGuard.Features.Monitoring.Checks;
using GridGuard.Features.Monitoring.Tasks;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Monitoring;

/// <summary>Late entries (补录) close the tasks they make moot: a back-filled check its slot's missed-check task, a test result its overdue-test task.</summary>
[Collection(AppCollection.Name)]
public sealed class LateEntryTests(AppFactory app)
{
    private static readonly DateOnly Day = new(2027, 4, 12);

    private Task<WorkTask> TaskAsync(string key) =>
        app.WithDbAsync(db => db.WorkTasks.AsNoTracking().SingleAsync(t => t.Key == key));

    private Task<List<string>> AuditLinesAsync(Guid taskId) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(WorkTask) && a.EntityId == taskId.ToString() && a.Action == AuditAction.Modified)
            .Select(a => a.Changes).ToListAsync());

    [Fact]
    public async Task RecordHealthCheck_BackfilledIntoAMissedSlot_ClosesThatSlotsTaskOnlyAudited()
    {
        var tree = await TestTree.CreateAsync(app);
        using var host = new ClockedHost(app, MonitoringKit.Local(Day.AddDays(1), 0, 30));
        var stewardUser = await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id));
        var commander = await host.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id)));
        var plan = await MonitoringKit.PlanAsync(app, tree.Grid1, Day, 7, 2, MonitoringKit.Local(Day.AddDays(-1), 20));
        await MonitoringKit.SweepAsync(commander);
        var steward = await host.ApiClientAsync(stewardUser);

        var response = await steward.PostAsJsonAsync($"/api/plans/{plan.Id}/checks",
            new { temperature = 36.6, checkedAt = MonitoringKit.Local(Day, 15, 10) });
        var again = await MonitoringKit.SweepAsync(commander);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var recorded = (await response.Content.ReadFromJsonAsync<RecordHealthCheck.Recorded>(TestJson.Options))!;
        var afternoon = await TaskAsync(TaskSweep.MissedCheckKey(plan.Id, Day, 2));
        var morning = await TaskAsync(TaskSweep.MissedCheckKey(plan.Id, Day, 1));
        Assert.Equal([afternoon.Id], recorded.ClosedTaskIds);
        Assert.Equal(MonitoringKit.Local(Day, 15, 10).UtcDateTime, recorded.CheckedAt);
        Assert.Equal((WorkTaskStatus.Done, CloseLateTasks.AutoNote, stewardUser.Id, host.Clock.GetUtcNow().UtcDateTime),
            (afternoon.Status, afternoon.Note, afternoon.ClosedById!.Value, afternoon.ClosedAt!.Value));
        Assert.Equal(WorkTaskStatus.Open, morning.Status);
        Assert.Contains(await AuditLinesAsync(afternoon.Id), c => c.Contains(CloseLateTasks.AutoNote, StringComparison.Ordinal));
        Assert.Equal(0, again.Opened);
    }

    [Fact]
    public async Task CheckPage_BackfilledTime_SavesAtThatTimeAndSaysTheMissedTaskWasClosed()
    {
        var tree = await TestTree.CreateAsync(app);
        using var host = new ClockedHost(app, MonitoringKit.Local(Day.AddDays(1), 0, 30));
        var stewardUser = await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id));
        var plan = await MonitoringKit.PlanAsync(app, tree.Grid1, Day, 7, 1, MonitoringKit.Local(Day.AddDays(-1), 20), name: "补录者");
        await MonitoringKit.SweepAsync(await host.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id))));
        var client = await host.PageClientAsync(stewardUser);
        var url = $"/plans/{plan.Id}/checks/new";

        var form = await Forms.GetFormAsync(client, url, "record-check");
        form["Input.Temperature"] = "36.4";
        form["Input.CheckedAt"] = Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T09:30";
        var saved = await (await Forms.PostAsync(client, url, form)).Content.ReadAsStringAsync();

        Assert.Contains("已自动关闭该时段的漏测任务", saved, StringComparison.Ordinal);
        Assert.Equal(MonitoringKit.Local(Day, 9, 30).UtcDateTime,
            await app.WithDbAsync(db => db.HealthChecks.Where(c => c.ControlPlanId == plan.Id).Select(c => c.CheckedAt).SingleAsync()));
        Assert.Equal(WorkTaskStatus.Done, (await TaskAsync(TaskSweep.MissedCheckKey(plan.Id, Day, 1))).Status);
    }

    [Fact]
    public async Task RecordHealthCheck_CheckedAtInTheFutureOrBeforeThePlan_400WithChineseMessagesAndNothingWritten()
    {
        var tree = await TestTree.CreateAsync(app);
        using var host = new ClockedHost(app, MonitoringKit.Local(Day, 10));
        var steward = await host.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id)));
        var plan = await MonitoringKit.PlanAsync(app, tree.Grid1, Day, 7, 2, MonitoringKit.Local(Day.AddDays(-1), 20));

        var future = await steward.PostAsJsonAsync($"/api/plans/{plan.Id}/checks",
            new { temperature = 36.6, checkedAt = MonitoringKit.Local(Day, 10, 1) });
        var before = await steward.PostAsJsonAsync($"/api/plans/{plan.Id}/checks",
            new { temperature = 38.6, checkedAt = MonitoringKit.Local(Day.AddDays(-1), 19) });

        Assert.Equal(["测量时间：不能晚于现在"], await ErrorsAsync(future, "checkedAt"));
        Assert.Equal(["测量时间：不能早于管控计划开始执行的时间"], await ErrorsAsync(before, "checkedAt"));
        Assert.Equal(0, await app.WithDbAsync(db => db.HealthChecks.CountAsync(c => c.ControlPlanId == plan.Id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.WorkTasks.CountAsync(t => t.ControlPlanId == plan.Id)));
    }

    [Fact]
    public async Task RecordTestResult_WithAnOpenOverdueTestTask_ClosesItAudited()
    {
        var tree = await TestTree.CreateAsync(app);
        using var host = new ClockedHost(app, MonitoringKit.Local(Day.AddDays(1), 9));
        var medicUser = await TestUsers.CreateAsync(app, (Role.MedicalStaff, tree.Grid1.Id));
        var commander = await host.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id)));
        var plan = await MonitoringKit.PlanAsync(app, tree.Grid1, Day, 7, 2, MonitoringKit.Local(Day.AddDays(-1), 20), [Day]);
        await MonitoringKit.SweepAsync(commander);
        var testId = plan.Tests[0].Id;
        Assert.Equal(WorkTaskStatus.Open, (await TaskAsync(TaskSweep.OverdueTestKey(testId))).Status);
        host.Clock.SetUtcNow(MonitoringKit.Local(Day.AddDays(1), 10));

        var response = await (await host.ApiClientAsync(medicUser)).PostAsJsonAsync($"/api/plans/{plan.Id}/tests/{testId}/result",
            new { result = "Negative", sampledOn = Day });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var task = await TaskAsync(TaskSweep.OverdueTestKey(testId));
        Assert.Equal((WorkTaskStatus.Done, CloseLateTasks.AutoNote, medicUser.Id, MonitoringKit.Local(Day.AddDays(1), 10).UtcDateTime),
            (task.Status, task.Note, task.ClosedById!.Value, task.ClosedAt!.Value));
        Assert.Contains(await AuditLinesAsync(task.Id), c => c.Contains(CloseLateTasks.AutoNote, StringComparison.Ordinal));
    }

    private static async Task<string[]> ErrorsAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(TestJson.Options))!.Errors;
        return new Dictionary<string, string[]>(errors, StringComparer.OrdinalIgnoreCase)[field];
    }
}
