using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Monitoring.Tasks;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.Monitoring;

[Collection(AppCollection.Name)]
public sealed class ListTasksTests(AppFactory app)
{
    private static readonly DateOnly Day = new(2027, 4, 20);

    [Fact]
    public async Task Inbox_ReferralLifecycle_TodayThenOverdueThenDone()
    {
        var tree = await TestTree.CreateAsync(app);
        using var host = new ClockedHost(app, MonitoringKit.Local(Day, 9));
        var stewardUser = await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id));
        var plan = await MonitoringKit.PlanAsync(app, tree.Grid1, Day, 7, 2, MonitoringKit.Local(Day.AddDays(-1), 20));
        var steward = await host.ApiClientAsync(stewardUser);
        var referral = (await MonitoringKit.CheckAsync(steward, plan.Id, 38.0)).ReferralTaskId!.Value;

        var today = await MonitoringKit.TasksAsync(steward, "view=today");
        var overdueAtFirst = await MonitoringKit.TasksAsync(steward, "view=overdue");
        host.Clock.SetUtcNow(MonitoringKit.Local(Day, 11, 1));
        var overdue = await MonitoringKit.TasksAsync(steward, "view=overdue");
        var todayLater = await MonitoringKit.TasksAsync(steward, "view=today");
        var refused = await steward.PostAsJsonAsync($"/api/tasks/{referral}/dispatch", new { destination = "FeverClinic", vehicle = "云P12345" });
        var dispatched = await steward.PostAsJsonAsync($"/api/tasks/{referral}/dispatch",
            new { destination = "发热门诊", vehicle = "云P12345", crew = "李医生、王司机" });
        var closed = await steward.PostAsJsonAsync($"/api/tasks/{referral}/close", new { note = "已送达县医院发热门诊" });
        var done = await MonitoringKit.TasksAsync(steward, "view=done");
        var overdueAfter = await MonitoringKit.TasksAsync(steward, "view=overdue");
        var detail = await steward.GetFromJsonAsync<GetTask.Detail>($"/api/tasks/{referral}", TestJson.Options);

        Assert.Contains(today.Items, i => i.Id == referral);
        Assert.DoesNotContain(overdueAtFirst.Items, i => i.Id == referral);
        Assert.Contains(overdue.Items, i => i.Id == referral);
        Assert.DoesNotContain(todayLater.Items, i => i.Id == referral);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("随车人员：不能为空（不得单独前往）", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, dispatched.StatusCode);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Contains(done.Items, i => i.Id == referral && i.ClosedBy != null);
        Assert.DoesNotContain(overdueAfter.Items, i => i.Id == referral);
        Assert.Equal("FeverClinic", detail!.Destination);
        Assert.Equal("李医生、王司机", detail.Crew);
        Assert.Equal("Done", detail.Status);
        Assert.Equal(MonitoringKit.Local(Day, 11, 1).UtcDateTime, detail.ClosedAt);
    }

    [Fact]
    public async Task Inbox_ReferralsFirstAndKeysetPages_NoRowTwiceNoRowLost()
    {
        var tree = await TestTree.CreateAsync(app);
        using var host = new ClockedHost(app, MonitoringKit.Local(Day, 12, 30));
        var medicUser = await TestUsers.CreateAsync(app, (Role.MedicalStaff, tree.Grid3.Id));
        var commanderUser = await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id));
        var plans = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            plans.Add((await MonitoringKit.PlanAsync(app, tree.Grid3, Day, 7, 2, MonitoringKit.Local(Day.AddDays(-1), 20))).Id);
        }

        await MonitoringKit.SweepAsync(await host.ApiClientAsync(commanderUser)); // three missed mornings, overdue
        var medic = await host.ApiClientAsync(medicUser);
        var referral = (await MonitoringKit.CheckAsync(medic, plans[0], 37.8)).ReferralTaskId!.Value;
        host.Clock.SetUtcNow(MonitoringKit.Local(Day, 15));   // the referral is overdue too now
        medic = await host.ApiClientAsync(medicUser);

        var seen = new List<ListTasks.Row>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await MonitoringKit.TasksAsync(medic, $"view=overdue&node={tree.Grid3.Id}&limit=2" + (after is null ? "" : $"&after={after}"));
            seen.AddRange(page.Items);
            after = page.Next;
            pages++;
        }
        while (after is not null && pages < 10);
        var missedOnly = await MonitoringKit.TasksAsync(medic, $"view=overdue&node={tree.Grid3.Id}&kind=MissedCheck");

        Assert.Equal(referral, seen[0].Id);
        Assert.Equal(4, seen.Count);
        Assert.Equal(4, seen.Select(r => r.Id).Distinct().Count());
        Assert.Equal(2, pages);
        Assert.Equal(3, missedOnly.Items.Count);
        Assert.All(missedOnly.Items, r => Assert.Equal("MissedCheck", r.Kind));
    }

    [Fact]
    public async Task Inbox_BadView_ChineseProblem()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id)));

        var response = await client.GetAsync("/api/tasks?view=tomorrow");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("视图：应为 today", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
