using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.ControlPlans;
using GridGuard.Features.Monitoring;
using GridGuard.Features.Monitoring.Tasks;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Monitoring;

[Collection(AppCollection.Name)]
public sealed class RecordHealthCheckTests(AppFactory app)
{
    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime, MonitoringKit.Zone));

    [Theory]
    [InlineData(33.9, "体温：应在 34.0–43.0 °C 之间")]
    [InlineData(43.1, "体温：应在 34.0–43.0 °C 之间")]
    [InlineData(36.55, "体温：最多保留一位小数")]
    public async Task RecordHealthCheck_TemperatureOutOfBounds_ChineseProblemNamingTheField(double temperature, string message)
    {
        var tree = await TestTree.CreateAsync(app);
        var plan = await MonitoringKit.PlanAsync(app, tree.Grid1, Today, 14, 2, app.Clock.GetUtcNow());
        var steward = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id)));

        var response = await steward.PostAsJsonAsync($"/api/plans/{plan.Id}/checks", new { temperature, symptoms = Array.Empty<string>() });
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(TestJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([message], problem!.Errors["temperature"]);
        Assert.False(await app.WithDbAsync(db => db.HealthChecks.AnyAsync(c => c.ControlPlanId == plan.Id)));
    }

    [Theory]
    [InlineData(34.0, new string[0], false)]
    [InlineData(37.2, new string[0], false)]
    [InlineData(37.3, new string[0], true)]
    [InlineData(43.0, new string[0], true)]
    [InlineData(36.5, new[] { "Cough" }, true)]
    [InlineData(36.5, new[] { "嗅觉或味觉减退" }, true)]
    public async Task RecordHealthCheck_BoundsAndSymptoms_AbnormalAsDomainSays(double temperature, string[] symptoms, bool abnormal)
    {
        var tree = await TestTree.CreateAsync(app);
        var plan = await MonitoringKit.PlanAsync(app, tree.Grid1, Today, 14, 2, app.Clock.GetUtcNow());
        var medic = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.MedicalStaff, tree.Grid1.Id)));

        var recorded = await MonitoringKit.CheckAsync(medic, plan.Id, temperature, symptoms);

        Assert.Equal(abnormal, recorded.Abnormal);
        Assert.Equal(abnormal, recorded.ReferralTaskId is not null);
    }

    [Fact]
    public async Task RecordHealthCheck_Abnormal_ReferralDueTwoHoursAfterTheCheckAtTopOfVillageAndTownshipLists()
    {
        var tree = await TestTree.CreateAsync(app);
        var plan = await MonitoringKit.PlanAsync(app, tree.Grid1, Today, 14, 2, app.Clock.GetUtcNow(), name: "发热者");
        var steward = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id)));
        var village = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var township = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id)));
        var now = app.Clock.GetUtcNow().UtcDateTime;

        var recorded = await MonitoringKit.CheckAsync(steward, plan.Id, 38.1, "Fever");
        var villageList = await MonitoringKit.TasksAsync(village, $"node={tree.Village1.Id}");
        var townshipList = await MonitoringKit.TasksAsync(township, $"node={tree.Township1.Id}");
        var task = await village.GetFromJsonAsync<GetTask.Detail>($"/api/tasks/{recorded.ReferralTaskId}", TestJson.Options);

        Assert.True(recorded.Abnormal);
        Assert.Equal(now, recorded.CheckedAt);
        Assert.Equal(now.AddHours(2), recorded.ReferralDueAt);
        Assert.Equal(recorded.ReferralTaskId, villageList.Items[0].Id);
        Assert.Equal(recorded.ReferralTaskId, townshipList.Items[0].Id);
        Assert.Equal("Referral", task!.Kind);
        Assert.Equal("发热者", task.PersonName);
        Assert.Equal(38.1, task.CheckTemperature);
        Assert.Equal("发热", task.CheckSymptoms);
        Assert.Equal(now.AddHours(2), task.DueAt);
    }

    [Fact]
    public async Task RecordHealthCheck_Normal_NoTaskAndListedOnThePlan()
    {
        var tree = await TestTree.CreateAsync(app);
        var plan = await MonitoringKit.PlanAsync(app, tree.Grid1, Today, 14, 2, app.Clock.GetUtcNow());
        var steward = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id)));

        var recorded = await MonitoringKit.CheckAsync(steward, plan.Id, 36.6);
        var list = await steward.GetFromJsonAsync<List<GridGuard.Features.Monitoring.Checks.ListHealthChecks.Row>>(
            $"/api/plans/{plan.Id}/checks", TestJson.Options);

        Assert.False(recorded.Abnormal);
        Assert.Null(recorded.ReferralTaskId);
        Assert.False(await app.WithDbAsync(db => db.WorkTasks.AnyAsync(t => t.ControlPlanId == plan.Id)));
        Assert.Equal(recorded.Id, Assert.Single(list!).Id);
    }

    [Fact]
    public async Task RecordHealthCheck_PlanNotActive_ConflictAndNothingSaved()
    {
        var tree = await TestTree.CreateAsync(app);
        var plan = await MonitoringKit.PlanAsync(app, tree.Grid1, Today, 14, 2, app.Clock.GetUtcNow(), status: PlanStatus.Proposed);
        var steward = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id)));

        var response = await steward.PostAsJsonAsync($"/api/plans/{plan.Id}/checks", new { temperature = 38.5 });
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(TestJson.Options);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("只能为执行中的管控计划记录健康监测", problem!.Detail);
        Assert.False(await app.WithDbAsync(db => db.HealthChecks.AnyAsync(c => c.ControlPlanId == plan.Id)));
    }

    [Fact]
    public async Task RecordHealthCheck_CheckAndReferral_AreInTheAuditLogUnderTheGrid()
    {
        var tree = await TestTree.CreateAsync(app);
        var plan = await MonitoringKit.PlanAsync(app, tree.Grid1, Today, 14, 2, app.Clock.GetUtcNow());
        var steward = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id)));

        var recorded = await MonitoringKit.CheckAsync(steward, plan.Id, 37.5);
        var ids = new[] { recorded.Id.ToString(), recorded.ReferralTaskId!.Value.ToString() };
        var lines = await app.WithDbAsync(db => db.AuditEntries.Where(a => ids.Contains(a.EntityId)).ToListAsync());

        Assert.Contains(lines, a => a.Entity == nameof(HealthCheck) && a.JurisdictionId == tree.Grid1.Id);
        Assert.Contains(lines, a => a.Entity == nameof(WorkTask) && a.JurisdictionId == tree.Grid1.Id);
    }
}
