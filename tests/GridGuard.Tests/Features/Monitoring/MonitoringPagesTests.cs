using System.Net;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Monitoring;

[Collection(AppCollection.Name)]
public sealed class MonitoringPagesTests(AppFactory app)
{
    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime, MonitoringKit.Zone));

    [Fact]
    public async Task CheckForm_AbnormalOnThePhone_ShowsTheReferralAndTaskPageDispatchesAndCloses()
    {
        var tree = await TestTree.CreateAsync(app);
        var plan = await MonitoringKit.PlanAsync(app, tree.Grid1, Today, 14, 2, app.Clock.GetUtcNow(), name: "咳嗽者");
        var client = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.MedicalStaff, tree.Grid1.Id)));
        var url = $"/plans/{plan.Id}/checks/new";

        var bad = await Forms.GetFormAsync(client, url, "record-check");
        bad["Input.Temperature"] = "45";
        var refused = await (await Forms.PostAsync(client, url, bad)).Content.ReadAsStringAsync();
        var form = await Forms.GetFormAsync(client, url, "record-check");
        form["Input.Temperature"] = "36.8";
        form["Input.Symptoms[Cough]"] = "true";
        var saved = await (await Forms.PostAsync(client, url, form)).Content.ReadAsStringAsync();
        var taskId = await app.WithDbAsync(db => db.WorkTasks.Where(t => t.ControlPlanId == plan.Id).Select(t => t.Id).SingleAsync());
        var taskUrl = $"/tasks/{taskId}";
        var dispatch = await Forms.GetFormAsync(client, taskUrl, "dispatch");
        dispatch["Dispatch.Destination"] = "DesignatedHospital";
        dispatch["Dispatch.Vehicle"] = "云P00001";
        dispatch["Dispatch.Crew"] = "张医生";
        var dispatched = await (await Forms.PostAsync(client, taskUrl, dispatch)).Content.ReadAsStringAsync();
        var close = await Forms.GetFormAsync(client, taskUrl, "close");
        var closed = await (await Forms.PostAsync(client, taskUrl, close)).Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"error-temperature\">体温：应在 34.0", refused, StringComparison.Ordinal);
        Assert.Contains("<h1>健康监测：咳嗽者</h1>", saved, StringComparison.Ordinal);
        Assert.Contains($"href=\"/tasks/{taskId}\" data-testid=\"check-referral\"", saved, StringComparison.Ordinal);
        Assert.Contains("定点医院 · 云P00001 · 随车：张医生", dispatched, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"task-status\">已完成", closed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_GridWorker_RedirectsToTheInboxAndOfficerStaysHome()
    {
        var tree = await TestTree.CreateAsync(app);
        var steward = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id)));
        var officer = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));

        var stewardHome = await steward.GetAsync("/");
        var officerHome = await officer.GetAsync("/");
        var inbox = await steward.GetStringAsync("/tasks");

        Assert.Equal(HttpStatusCode.Redirect, stewardHome.StatusCode);
        Assert.EndsWith("/tasks", stewardHome.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, officerHome.StatusCode);
        Assert.Contains("<h1>任务清单</h1>", inbox, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"nav-tasks\"", await officerHome.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
