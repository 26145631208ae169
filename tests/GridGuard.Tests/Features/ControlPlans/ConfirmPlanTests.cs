using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.ControlPlans.Plans;
using GridGuard.Features.Households;
using GridGuard.Features.Policies;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Canvassing;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.ControlPlans;

[Collection(AppCollection.Name)]
public sealed class ConfirmPlanTests(AppFactory app)
{
    private static async Task<IDictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(TestJson.Options))!.Errors;
        return new Dictionary<string, string[]>(errors, StringComparer.OrdinalIgnoreCase);
    }

    private Task<List<string>> DecisionLinesAsync(Guid planId) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityId == planId.ToString() && a.Action == GridGuard.Platform.Audit.AuditAction.Bulk)
            .Select(a => a.Changes).ToListAsync());

    [Fact]
    public async Task ConfirmPlan_Plain_ActiveWithConfirmerAndAnAuditLineNamingPolicyVersionAndRule()
    {
        var tree = await TestTree.CreateAsync(app);
        var host = ArrivalKit.Host(app);
        var today = ArrivalKit.Today(host);
        var city = TestTree.NewCountyCode();
        await PlanKit.AreaAsync(app, city, RiskLevel.Medium, today.AddDays(-30));
        var policy = await PlanKit.PolicyAsync(app, PlanKit.Chunjie);
        var reportId = await ArrivalKit.FileAsync(app, ArrivalKit.Body(tree.Village1.Id, Registry.NewIdNumber(), today.AddDays(-1), today, city));
        var user = await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id), (Role.VillageOfficer, tree.Village1.Id));
        var officer = await host.ApiClientAsync(user);
        var plan = await PlanKit.ComputeAsync(officer, reportId, policy);

        var confirmed = await officer.PostAsJsonAsync($"/api/plans/{plan.Id}/confirm", new { });
        var again = await officer.PostAsJsonAsync($"/api/plans/{plan.Id}/confirm", new { });

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var detail = (await confirmed.Content.ReadFromJsonAsync<GetPlan.Detail>(TestJson.Options))!;
        Assert.Equal(("Active", "None"), (detail.Status, detail.Exception));
        Assert.Equal(user.Id, await app.WithDbAsync(db => db.ControlPlans.Where(p => p.Id == plan.Id).Select(p => p.ConfirmedById).SingleAsync()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var line = Assert.Single(await DecisionLinesAsync(plan.Id));
        Assert.Contains(policy, line, StringComparison.Ordinal);
        Assert.Contains("\"规则\":\"Returnee:Medium\"", line, StringComparison.Ordinal);
        Assert.Contains("\"版本\":1", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmPlan_SpecialGroupException_RequiresKeepOrOverrideWithAReasonAndOverrideRecomputesCentral()
    {
        var tree = await TestTree.CreateAsync(app);
        var host = ArrivalKit.Host(app);
        var today = ArrivalKit.Today(host);
        var city = TestTree.NewCountyCode();
        await PlanKit.AreaAsync(app, city, RiskLevel.High, today.AddDays(-30));
        var policy = await PlanKit.PolicyAsync(app, PlanKit.Chunjie);
        var officer = await host.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        async Task<GetPlan.Detail> PlanForAsync(string name)
        {
            var person = await Registry.PersonAsync(app, tree.Grid1, null, name, null, VulnerableGroup.Pregnant);
            var reportId = await ArrivalKit.FileAsync(app, ArrivalKit.Body(tree.Village1.Id, person.IdNumber!, today.AddDays(-1), today, city));
            return await PlanKit.ComputeAsync(officer, reportId, policy);
        }

        var overridden = await PlanForAsync("孕妇乙");
        var kept = await PlanForAsync("孕妇丙");

        var missing = await ErrorsAsync(await officer.PostAsJsonAsync($"/api/plans/{overridden.Id}/confirm", new { }));
        var noReason = await ErrorsAsync(await officer.PostAsJsonAsync($"/api/plans/{overridden.Id}/confirm", new { exceptionDecision = "Override" }));
        var overrideResponse = await officer.PostAsJsonAsync($"/api/plans/{overridden.Id}/confirm",
            new { exceptionDecision = "Override", reason = "本人要求集中隔离，便于照护" });
        var keepResponse = await officer.PostAsJsonAsync($"/api/plans/{kept.Id}/confirm", new { exceptionDecision = "Keep", reason = "孕晚期，居家每日上门" });

        Assert.Equal(["特殊人群例外：请选择保留居家隔离（每日上门）或按规则集中隔离"], missing["ExceptionDecision"]);
        Assert.Equal(["理由：保留或否决特殊人群例外必须填写理由"], missing["Reason"]);
        Assert.Equal(["理由：保留或否决特殊人群例外必须填写理由"], noReason["Reason"]);
        Assert.Equal(HttpStatusCode.OK, overrideResponse.StatusCode);
        var o = (await overrideResponse.Content.ReadFromJsonAsync<GetPlan.Detail>(TestJson.Options))!;
        Assert.Equal(("Active", "Overridden", "本人要求集中隔离，便于照护"), (o.Status, o.Exception, o.ExceptionReason));
        var central = Assert.Single(o.Phases);
        Assert.Equal(("CentralQuarantine", false, today.AddDays(1), today.AddDays(14)), (central.Kind, central.DailyVisits, central.Start, central.End));
        var k = (await keepResponse.Content.ReadFromJsonAsync<GetPlan.Detail>(TestJson.Options))!;
        Assert.Equal(("Active", "Kept", "HomeQuarantine"), (k.Status, k.Exception, Assert.Single(k.Phases).Kind));
        Assert.Contains("本人要求集中隔离，便于照护", Assert.Single(await DecisionLinesAsync(o.Id)), StringComparison.Ordinal);
        Assert.Contains("孕晚期，居家每日上门", Assert.Single(await DecisionLinesAsync(k.Id)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmPlan_ManualDecision_CannotConfirmAsIsRecomputeWithACategoryOrCancelWithNoMeasures()
    {
        var tree = await TestTree.CreateAsync(app);
        var host = ArrivalKit.Host(app);
        var today = ArrivalKit.Today(host);
        var policy = await PlanKit.PolicyAsync(app, PlanKit.Xinping);
        var officer = await host.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        async Task<GetPlan.Detail> PlanAsync() => await PlanKit.ComputeAsync(officer,
            await ArrivalKit.FileAsync(app, ArrivalKit.Body(tree.Village1.Id, Registry.NewIdNumber(), today.AddDays(-1), today)), policy);
        var recompute = await PlanAsync();
        var cancel = await PlanAsync();

        var asIs = await ErrorsAsync(await officer.PostAsJsonAsync($"/api/plans/{recompute.Id}/confirm", new { }));
        var recomputed = await officer.PostAsJsonAsync($"/api/plans/{recompute.Id}/confirm",
            new { decision = "Recompute", category = "CloseContact", reason = "流调确认为密接" });
        var cancelled = await officer.PostAsJsonAsync($"/api/plans/{cancel.Id}/confirm", new { decision = "NoMeasures", reason = "重复报备" });

        Assert.StartsWith("人工决定：需人工决定的计划不能直接确认", Assert.Single(asIs["Decision"]), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, recomputed.StatusCode);
        var r = (await recomputed.Content.ReadFromJsonAsync<GetPlan.Detail>(TestJson.Options))!;
        Assert.Equal(("Active", "CloseContact", false, policy), (r.Status, r.RuleId, r.ManualDecisionRequired, r.PolicyName));
        Assert.Equal([("CentralQuarantine", 5), ("HomeQuarantine", 3)], r.Phases.Select(p => (p.Kind, p.Days)));
        Assert.Equal("Cancelled", (await cancelled.Content.ReadFromJsonAsync<GetPlan.Detail>(TestJson.Options))!.Status);
        Assert.Contains("流调确认为密接", Assert.Single(await DecisionLinesAsync(r.Id)), StringComparison.Ordinal);
        Assert.Contains("重复报备", Assert.Single(await DecisionLinesAsync(cancel.Id)), StringComparison.Ordinal);
    }
}
