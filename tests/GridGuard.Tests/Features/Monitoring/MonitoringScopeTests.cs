using System.Net;
using System.Net.Http.Json;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.Monitoring;

[Collection(AppCollection.Name)]
public sealed class MonitoringScopeTests(AppFactory app)
{
    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime, MonitoringKit.Zone));

    [Fact]
    public async Task Scope_OfficerOfAnotherVillage_CannotSeeChecksOrTasksByApiOrPage()
    {
        var tree = await TestTree.CreateAsync(app);
        var plan = await MonitoringKit.PlanAsync(app, tree.Grid1, Today, 14, 2, app.Clock.GetUtcNow(), name: "甲村对象");
        var steward = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id)));
        var recorded = await MonitoringKit.CheckAsync(steward, plan.Id, 38.4);
        var taskId = recorded.ReferralTaskId!.Value;
        var ownUser = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var otherUser = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village3.Id));
        var own = await app.ApiClientAsync(ownUser);
        var other = await app.ApiClientAsync(otherUser);
        var otherPages = await app.PageClientAsync(otherUser);
        var ownPages = await app.PageClientAsync(ownUser);

        var checks = await other.GetAsync($"/api/plans/{plan.Id}/checks");
        var task = await other.GetAsync($"/api/tasks/{taskId}");
        var list = await MonitoringKit.TasksAsync(other, "view=today&limit=200");
        var record = await other.PostAsJsonAsync($"/api/plans/{plan.Id}/checks", new { temperature = 36.5 });
        var close = await other.PostAsJsonAsync($"/api/tasks/{taskId}/close", new { note = "x" });
        var inbox = await otherPages.GetStringAsync("/tasks");
        var detailPage = await otherPages.GetAsync($"/tasks/{taskId}");
        var formPage = await otherPages.GetAsync($"/plans/{plan.Id}/checks/new");
        var ownList = await MonitoringKit.TasksAsync(own, "view=today&limit=200");
        var ownInbox = await ownPages.GetStringAsync("/tasks");
        var ownPlanPage = await ownPages.GetStringAsync($"/plans/{plan.Id}");

        Assert.Equal(HttpStatusCode.NotFound, checks.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, task.StatusCode);
        Assert.DoesNotContain(list.Items, i => i.Id == taskId);
        Assert.Equal(HttpStatusCode.NotFound, record.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, close.StatusCode);
        Assert.DoesNotContain(taskId.ToString(), inbox, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, detailPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, formPage.StatusCode);
        Assert.Contains(ownList.Items, i => i.Id == taskId);
        Assert.Contains($"data-task-id=\"{taskId}\"", ownInbox, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"plan-check\"", ownPlanPage, StringComparison.Ordinal);
        Assert.Contains("38.4 °C", ownPlanPage, StringComparison.Ordinal);
    }
}
