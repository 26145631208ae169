using GridGuard.Features.Monitoring;
using GridGuard.Features.Monitoring.Tasks;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Monitoring;

/// <summary>The sweep over HTTP on the real database, with a host whose clock the test sets.</summary>
[Collection(AppCollection.Name)]
public sealed class SweepTests(AppFactory app)
{
    private static readonly DateOnly Day = new(2027, 3, 10);

    [Fact]
    public async Task Sweep_MissedAfternoonAndOverdueTest_OpensTasksForTheGridOnceEvenWhenRunTwice()
    {
        var tree = await TestTree.CreateAsync(app);
        using var host = new ClockedHost(app, MonitoringKit.Local(Day, 9));
        var stewardUser = await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id));
        var commanderUser = await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id));
        var plan = await MonitoringKit.PlanAsync(app, tree.Grid1, Day, 7, 2, MonitoringKit.Local(Day.AddDays(-1), 20), [Day]);
        await MonitoringKit.CheckAsync(await host.ApiClientAsync(stewardUser), plan.Id, 36.5);

        host.Clock.SetUtcNow(MonitoringKit.Local(Day.AddDays(1), 0, 30));
        var commander = await host.ApiClientAsync(commanderUser);
        var first = await MonitoringKit.SweepAsync(commander);
        var second = await MonitoringKit.SweepAsync(commander);
        var tasks = await app.WithDbAsync(db => db.WorkTasks.Where(t => t.ControlPlanId == plan.Id).OrderBy(t => t.Key).ToListAsync());
        var overdue = await MonitoringKit.TasksAsync(await host.ApiClientAsync(stewardUser), "view=overdue");

        Assert.True(first.Opened >= 2);
        Assert.Equal(0, second.Opened);
        Assert.Equal([TaskSweep.MissedCheckKey(plan.Id, Day, 2), TaskSweep.OverdueTestKey(plan.Tests[0].Id)], tasks.Select(t => t.Key));
        Assert.All(tasks, t => Assert.Equal(tree.Grid1.Id, t.JurisdictionId));
        Assert.Equal(MonitoringKit.Local(Day.AddDays(1), 0).UtcDateTime, tasks[0].DueAt);
        Assert.Equal(tasks.Select(t => t.Id).Order(), overdue.Items.Where(i => i.ControlPlanId == plan.Id).Select(i => i.Id).Order());
    }

    [Fact]
    public async Task Sweep_OneCheckADay_MissedOnlyWhenTheDayEnds()
    {
        var tree = await TestTree.CreateAsync(app);
        using var host = new ClockedHost(app, MonitoringKit.Local(Day, 23, 59));
        var commanderUser = await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id));
        var plan = await MonitoringKit.PlanAsync(app, tree.Grid1, Day, 7, 1, MonitoringKit.Local(Day.AddDays(-1), 20));

        await MonitoringKit.SweepAsync(await host.ApiClientAsync(commanderUser));
        var before = await app.WithDbAsync(db => db.WorkTasks.CountAsync(t => t.ControlPlanId == plan.Id));
        host.Clock.SetUtcNow(MonitoringKit.Local(Day.AddDays(1), 0, 1));
        await MonitoringKit.SweepAsync(await host.ApiClientAsync(commanderUser));
        var after = await app.WithDbAsync(db => db.WorkTasks.Where(t => t.ControlPlanId == plan.Id).Select(t => t.Key).ToListAsync());

        Assert.Equal(0, before);
        Assert.Equal([TaskSweep.MissedCheckKey(plan.Id, Day, 1)], after);
    }

    [Fact]
    public async Task Sweep_TaskOpenTwentyFourHoursAfterDue_EscalatesAndAppearsAtTheVillageMarked()
    {
        var tree = await TestTree.CreateAsync(app);
        using var host = new ClockedHost(app, MonitoringKit.Local(Day, 12, 5));
        var villageUser = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var commanderUser = await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id));
        var plan = await MonitoringKit.PlanAsync(app, tree.Grid1, Day, 1, 2, MonitoringKit.Local(Day.AddDays(-1), 20));
        await MonitoringKit.SweepAsync(await host.ApiClientAsync(commanderUser));
        var taskId = await app.WithDbAsync(db => db.WorkTasks.Where(t => t.ControlPlanId == plan.Id).Select(t => t.Id).SingleAsync());

        host.Clock.SetUtcNow(MonitoringKit.Local(Day.AddDays(1), 11, 59));
        await MonitoringKit.SweepAsync(await host.ApiClientAsync(commanderUser));
        var early = await MonitoringKit.TasksAsync(await host.ApiClientAsync(villageUser), "view=overdue&limit=200");
        host.Clock.SetUtcNow(MonitoringKit.Local(Day.AddDays(1), 12, 0));
        await MonitoringKit.SweepAsync(await host.ApiClientAsync(commanderUser));
        var village = await host.ApiClientAsync(villageUser);
        var late = await MonitoringKit.TasksAsync(village, "view=overdue&limit=200");
        var page = await (await host.PageClientAsync(villageUser)).GetStringAsync("/tasks?view=overdue");

        Assert.DoesNotContain(early.Items, i => i.Id == taskId);
        var row = Assert.Single(late.Items, i => i.Id == taskId);
        Assert.True(row.Escalated);
        Assert.Equal(nameof(WorkTaskKind.MissedCheck), row.Kind);
        Assert.Matches($"data-task-id=\"{taskId}\">((?!</li>).)*已升级", page.ReplaceLineEndings(" "));
    }
}
