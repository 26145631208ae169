using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Canvassing;
using GridGuard.Features.ControlPlans.Arrivals;
using GridGuard.Features.ControlPlans.Plans;
using GridGuard.Features.Households;
using GridGuard.Features.Policies;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Canvassing;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.ControlPlans;

[Collection(AppCollection.Name)]
public sealed class PlanPagesTests(AppFactory app)
{
    [Fact]
    public async Task PlanPage_ShowsPhasesTestsAndRuleAndConfirmsAnExceptionOnlyWithAReason()
    {
        var tree = await TestTree.CreateAsync(app);
        var host = ArrivalKit.Host(app);
        var today = ArrivalKit.Today(host);
        var city = TestTree.NewCountyCode();
        await PlanKit.AreaAsync(app, city, RiskLevel.High, today.AddDays(-30));
        var policy = await PlanKit.PolicyAsync(app, PlanKit.Chunjie);
        var person = await Registry.PersonAsync(app, tree.Grid1, null, "孕妇丁", null, VulnerableGroup.Pregnant);
        var reportId = await ArrivalKit.FileAsync(app, ArrivalKit.Body(tree.Village1.Id, person.IdNumber!, today.AddDays(-1), today, city));
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var plan = await PlanKit.ComputeAsync(await host.ApiClientAsync(user), reportId, policy);
        var client = await app.PageClientAsync(user);
        var url = $"/plans/{plan.Id}";

        var html = await client.GetStringAsync(url);
        var form = await Forms.GetFormAsync(client, url, "confirm");
        form["Input.ExceptionDecision"] = "Keep";
        var refused = await (await Forms.PostAsync(client, url, form)).Content.ReadAsStringAsync();
        form["Input.Reason"] = "孕期，居家每日上门";
        var confirmed = await (await Forms.PostAsync(client, url, form)).Content.ReadAsStringAsync();

        Assert.Contains("<h1>管控计划：孕妇丁</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"“{policy}”第 1 版 · Returnee:High", html, StringComparison.Ordinal);
        Assert.Contains($"第 1 阶段 居家隔离医学观察：{ArrivalKit.Day(today.AddDays(1))} 至 {ArrivalKit.Day(today.AddDays(14))}（14 天），每天健康监测 2 次，每日上门", html, StringComparison.Ordinal);
        Assert.Contains(ArrivalKit.Day(today.AddDays(7)), html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"error-Reason\">理由：保留或否决特殊人群例外必须填写理由", refused, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"plan-status\">执行中", confirmed, StringComparison.Ordinal);
        Assert.Contains("特殊人群居家（已确认） 孕期，居家每日上门", confirmed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArrivalPage_StaffComputesAManualDecisionPlanShownProminently()
    {
        var tree = await TestTree.CreateAsync(app);
        var host = ArrivalKit.Host(app);
        var today = ArrivalKit.Today(host);
        var policy = await PlanKit.PolicyAsync(app, PlanKit.Xinping);
        var reportId = await ArrivalKit.FileAsync(app, ArrivalKit.Body(tree.Village1.Id, Registry.NewIdNumber(), today.AddDays(-1), today));
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var api = await host.ApiClientAsync(user);
        var manual = await PlanKit.ComputeAsync(api, reportId, policy);
        var client = await app.PageClientAsync(user);

        var arrival = await client.GetStringAsync($"/arrivals/{reportId}");
        var page = await client.GetStringAsync($"/plans/{manual.Id}");

        Assert.Contains($"href=\"/plans/{manual.Id}\"", arrival, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"plan-manual\"><strong>需人工决定</strong>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_ApiAndPages_OwnVillageOnlyNewestFirstAndOutOfScopeIs404()
    {
        var tree = await TestTree.CreateAsync(app);
        var host = ArrivalKit.Host(app);
        var today = ArrivalKit.Today(host);
        var policy = await PlanKit.PolicyAsync(app, PlanKit.Chunjie);
        var mine = await ArrivalKit.FileAsync(app, ArrivalKit.Body(tree.Village1.Id, Registry.NewIdNumber(), today.AddDays(-1), today));
        var later = await ArrivalKit.FileAsync(app, ArrivalKit.Body(tree.Village1.Id, Registry.NewIdNumber(), today.AddDays(-1), today));
        var theirs = await ArrivalKit.FileAsync(app, ArrivalKit.Body(tree.Village3.Id, Registry.NewIdNumber(), today.AddDays(-1), today));
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var api = await host.ApiClientAsync(user);
        var plan = await PlanKit.ComputeAsync(api, mine, policy);
        var owner = await host.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village3.Id)));
        var theirPlan = await PlanKit.ComputeAsync(owner, theirs, policy);

        var arrivals = (await api.GetFromJsonAsync<Paged<ListArrivals.Row>>("/api/arrivals?pageSize=200", TestJson.Options))!;
        var fresh = (await api.GetFromJsonAsync<Paged<ListArrivals.Row>>("/api/arrivals?status=New&pageSize=200", TestJson.Options))!;
        var plans = (await api.GetFromJsonAsync<Paged<ListPlans.Row>>("/api/plans?status=Proposed&pageSize=200", TestJson.Options))!;
        var pages = await app.PageClientAsync(user);
        var listHtml = await pages.GetStringAsync("/arrivals");
        var otherReport = await pages.GetAsync($"/arrivals/{theirs}");
        var otherPlan = await pages.GetAsync($"/plans/{theirPlan.Id}");

        var ids = arrivals.Items.Select(r => r.Id).ToList();
        Assert.True(ids.IndexOf(later) < ids.IndexOf(mine) && ids.IndexOf(mine) >= 0);
        Assert.DoesNotContain(theirs, ids);
        Assert.Contains(later, fresh.Items.Select(r => r.Id));
        Assert.DoesNotContain(mine, fresh.Items.Select(r => r.Id));
        Assert.Contains(plan.Id, plans.Items.Select(p => p.Id));
        Assert.DoesNotContain(theirPlan.Id, plans.Items.Select(p => p.Id));
        Assert.Contains($"href=\"/arrivals/{later}\"", listHtml, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"nav-plans\"", listHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, otherReport.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherPlan.StatusCode);
    }
}
