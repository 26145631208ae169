using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.ControlPlans;
using GridGuard.Features.ControlPlans.Plans;
using GridGuard.Features.Households;
using GridGuard.Features.Policies;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Canvassing;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.ControlPlans;

[Collection(AppCollection.Name)]
public sealed class ComputePlanTests(AppFactory app)
{
    [Fact]
    public async Task ComputePlan_MediumRiskCityUnder2021Chunjie_Home14WithTestsOnDays1And14()
    {
        var tree = await TestTree.CreateAsync(app);
        var host = ArrivalKit.Host(app);
        var today = ArrivalKit.Today(host);
        var city = TestTree.NewCountyCode();
        await PlanKit.AreaAsync(app, city, RiskLevel.Medium, today.AddDays(-30));
        var policy = await PlanKit.PolicyAsync(app, PlanKit.Chunjie);
        var reportId = await ArrivalKit.FileAsync(app, ArrivalKit.Body(tree.Village1.Id, Registry.NewIdNumber(), today.AddDays(-1), today, city));
        var officer = await host.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));

        var plan = await PlanKit.ComputeAsync(officer, reportId, policy);

        Assert.Equal(("Returnee", "Medium", policy, (int?)1, "Returnee:Medium", false, "None", "Proposed"),
            (plan.Category, plan.RiskLevel, plan.PolicyName, plan.PolicyVersion, plan.RuleId, plan.ManualDecisionRequired, plan.Exception, plan.Status));
        Assert.Equal((today, today, (DateOnly?)today.AddDays(14)), (plan.Anchor, plan.RegisteredOn, plan.EndsOn));
        var phase = Assert.Single(plan.Phases);
        Assert.Equal(("HomeQuarantine", today.AddDays(1), today.AddDays(14), 14, 2), (phase.Kind, phase.Start, phase.End, phase.Days, phase.ChecksPerDay));
        Assert.Equal([(today.AddDays(1), "1:1", false), (today.AddDays(14), "1:14", false)], plan.Tests.Select(t => (t.Due, t.Covers, t.CatchesUp)));
        var stored = await app.WithDbAsync(db => db.ControlPlans.AsNoTracking().Where(p => p.Id == plan.Id)
            .Select(p => new { p.PolicyId, p.SourceId, p.JurisdictionId }).SingleAsync());
        var policyId = await app.WithDbAsync(db => db.Policies.Where(p => p.Name == policy).Select(p => p.Id).SingleAsync());
        Assert.Equal((policyId, reportId, tree.Village1.Id), (stored.PolicyId!.Value, stored.SourceId!.Value, stored.JurisdictionId));
        Assert.Equal(ArrivalStatus.Planned, (await ArrivalKit.ReportAsync(app, reportId))!.Status);
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/arrivals/{reportId}/plan", new { policy })).StatusCode);
    }

    [Fact]
    public async Task ComputePlan_LateRegistration_PastTestsCollapseIntoOneOnTheReportDay()
    {
        var tree = await TestTree.CreateAsync(app);
        var host = ArrivalKit.Host(app);
        var today = ArrivalKit.Today(host);
        var city = TestTree.NewCountyCode();
        await PlanKit.AreaAsync(app, city, RiskLevel.Medium, today.AddDays(-30));
        var policy = await PlanKit.PolicyAsync(app, PlanKit.Chunjie);
        var reportId = await ArrivalKit.FileAsync(app, ArrivalKit.Body(tree.Village1.Id, Registry.NewIdNumber(), today.AddDays(-4), today.AddDays(-3), city));
        var officer = await host.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));

        var plan = await PlanKit.ComputeAsync(officer, reportId, policy);

        Assert.Equal([(today, "1:1", true), (today.AddDays(11), "1:14", false)], plan.Tests.Select(t => (t.Due, t.Covers, t.CatchesUp)));
    }

    [Fact]
    public async Task ComputePlan_CountyRuleThroughTheDatabase_StayElsewhereInACountyWithAMediumAreaCountsAsMedium()
    {
        var tree = await TestTree.CreateAsync(app);
        var host = ArrivalKit.Host(app);
        var today = ArrivalKit.Today(host);
        var county = TestTree.NewCountyCode();
        await PlanKit.AreaAsync(app, county + "100", RiskLevel.Medium, today.AddDays(-20), today.AddDays(-3));
        var policy = await PlanKit.PolicyAsync(app, PlanKit.Chunjie);
        var body = ArrivalKit.Body(tree.Village1.Id, Registry.NewIdNumber(), today.AddDays(-2), today, county + "101",
            stays: [ArrivalKit.Stay(county + "101", today.AddDays(-6), today.AddDays(-2))]);
        var reportId = await ArrivalKit.FileAsync(app, body);
        var officer = await host.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));

        var plan = await PlanKit.ComputeAsync(officer, reportId, policy);

        Assert.Equal(("Medium", "Returnee:Medium"), (plan.RiskLevel, plan.RuleId));
    }

    [Fact]
    public async Task ComputePlan_UnmatchedCategory_ManualDecisionRequiredWithoutPhases()
    {
        var tree = await TestTree.CreateAsync(app);
        var host = ArrivalKit.Host(app);
        var today = ArrivalKit.Today(host);
        var policy = await PlanKit.PolicyAsync(app, PlanKit.Xinping);
        var reportId = await ArrivalKit.FileAsync(app, ArrivalKit.Body(tree.Village1.Id, Registry.NewIdNumber(), today.AddDays(-1), today, TestTree.NewCountyCode()));
        var officer = await host.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));

        var plan = await PlanKit.ComputeAsync(officer, reportId, policy);

        Assert.True(plan.ManualDecisionRequired);
        Assert.Null(plan.RuleId);
        Assert.Contains($"“{policy}”第 1 版没有适用于", plan.ManualDecisionReason, StringComparison.Ordinal);
        Assert.Empty(plan.Phases);
        Assert.Empty(plan.Tests);
    }

    [Fact]
    public async Task ComputePlan_SpecialGroupFromHighArea_ExceptionProposedAsHomeWithDailyVisits()
    {
        var tree = await TestTree.CreateAsync(app);
        var host = ArrivalKit.Host(app);
        var today = ArrivalKit.Today(host);
        var city = TestTree.NewCountyCode();
        await PlanKit.AreaAsync(app, city, RiskLevel.High, today.AddDays(-30));
        var policy = await PlanKit.PolicyAsync(app, PlanKit.Chunjie);
        var person = await Registry.PersonAsync(app, tree.Grid1, null, "孕妇甲", null, VulnerableGroup.Pregnant);
        var reportId = await ArrivalKit.FileAsync(app, ArrivalKit.Body(tree.Village1.Id, person.IdNumber!, today.AddDays(-1), today, city));
        var officer = await host.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));

        var plan = await PlanKit.ComputeAsync(officer, reportId, policy);

        Assert.Equal((person.Id, "Returnee:High", "Proposed"), (plan.PersonId, plan.RuleId, plan.Exception));
        var phase = Assert.Single(plan.Phases);
        Assert.Equal(("HomeQuarantine", "CentralQuarantine", true, 14), (phase.Kind, phase.RuleKind, phase.DailyVisits, phase.Days));
        Assert.Equal(3, plan.Tests.Count);
    }

    [Fact]
    public async Task ComputePlan_Scope_VillageOfficerOfAnotherVillageGets404()
    {
        var tree = await TestTree.CreateAsync(app);
        var host = ArrivalKit.Host(app);
        var today = ArrivalKit.Today(host);
        var policy = await PlanKit.PolicyAsync(app, PlanKit.Chunjie);
        var reportId = await ArrivalKit.FileAsync(app, ArrivalKit.Body(tree.Village3.Id, Registry.NewIdNumber(), today.AddDays(-1), today));
        var other = await host.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var own = await host.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village3.Id)));

        var refused = await other.PostAsJsonAsync($"/api/arrivals/{reportId}/plan", new { policy });
        var plan = await PlanKit.ComputeAsync(own, reportId, policy);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/plans/{plan.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/plans/{plan.Id}/confirm", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/api/plans/{plan.Id}")).StatusCode);
    }
}
