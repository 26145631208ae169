using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.ControlPlans.Plans;
using GridGuard.Features.Jurisdictions;
using GridGuard.Features.Policies;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Canvassing;
using GridGuard.Tests.Features.Monitoring;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.ControlPlans;

/// <summary>
/// Where a plan computed from an arrival report sits: the person's household grid when it lies under the report's
/// node, so the grid's workers see the plan, record its checks and get its tasks; otherwise the report's node.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PlanNodeTests(AppFactory app)
{
    /// <summary>A second grid beside <see cref="TestTree.Grid1"/>, under the same compound of village 1.</summary>
    private async Task<Jurisdiction> SiblingGridAsync(TestTree tree)
    {
        var compound = tree.Nodes[tree.Grid1.Code[..^3]];
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var grid = new Jurisdiction
        {
            Code = compound.Code + "002",
            Name = "大寨第二网格",
            Level = JurisdictionLevel.Grid,
            ParentId = compound.Id,
            Path = Jurisdiction.ChildPath(compound.Path, compound.Code + "002"),
            Depth = compound.Depth + 1,
            Settlement = compound.Settlement,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await app.WithDbAsync(async db =>
        {
            db.Jurisdictions.Add(grid);
            await db.SaveChangesAsync();
        });
        return grid;
    }

    private async Task<(GetPlan.Detail Plan, HttpClient Officer)> ConfirmedPlanAsync(TestTree tree, Jurisdiction householdGrid, string name)
    {
        var host = ArrivalKit.Host(app);
        var today = ArrivalKit.Today(host);
        var city = TestTree.NewCountyCode();
        await PlanKit.AreaAsync(app, city, RiskLevel.Medium, today.AddDays(-30));
        var policy = await PlanKit.PolicyAsync(app, PlanKit.Chunjie);
        var household = await Registry.HouseholdAsync(app, householdGrid);
        var person = await Registry.PersonAsync(app, householdGrid, household, name);
        var reportId = await ArrivalKit.FileAsync(app, ArrivalKit.Body(tree.Village1.Id, person.IdNumber!, today.AddDays(-1), today, city));
        var officer = await host.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var computed = await PlanKit.ComputeAsync(officer, reportId, policy);
        var confirmed = await officer.PostAsJsonAsync($"/api/plans/{computed.Id}/confirm", new { });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        return ((await confirmed.Content.ReadFromJsonAsync<GetPlan.Detail>(TestJson.Options))!, officer);
    }

    [Fact]
    public async Task PlanNode_PersonInAHouseholdOfTheVillage_PlanAtTheGridWhoseWorkersSeeItCheckAndGetTheReferral()
    {
        var tree = await TestTree.CreateAsync(app);
        var otherGrid = await SiblingGridAsync(tree);
        var (plan, officer) = await ConfirmedPlanAsync(tree, tree.Grid1, "网格甲");
        var host = ArrivalKit.Host(app);
        var worker = await host.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));
        var steward = await host.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id)));
        var stranger = await host.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, otherGrid.Id)));

        var seen = await worker.GetAsync($"/api/plans/{plan.Id}");
        var check = await MonitoringKit.CheckAsync(worker, plan.Id, 38.2);
        var strangerCheck = await stranger.PostAsJsonAsync($"/api/plans/{plan.Id}/checks", new { temperature = 36.5 });

        Assert.Equal((tree.Grid1.Id, "Active"), (plan.JurisdictionId, plan.Status));
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/plans/{plan.Id}")).StatusCode);
        Assert.True(check.Abnormal);
        var referral = check.ReferralTaskId!.Value;
        Assert.Contains(referral, (await MonitoringKit.TasksAsync(worker)).Items.Select(t => t.Id));
        Assert.Contains(referral, (await MonitoringKit.TasksAsync(steward)).Items.Select(t => t.Id));
        Assert.Contains(referral, (await MonitoringKit.TasksAsync(officer)).Items.Select(t => t.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/plans/{plan.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, strangerCheck.StatusCode);
        Assert.DoesNotContain(referral, (await MonitoringKit.TasksAsync(stranger)).Items.Select(t => t.Id));
    }

    [Fact]
    public async Task PlanNode_PersonJoinsAHouseholdBeforeConfirmation_ConfirmMovesThePlanToTheGrid()
    {
        var tree = await TestTree.CreateAsync(app);
        var host = ArrivalKit.Host(app);
        var today = ArrivalKit.Today(host);
        var city = TestTree.NewCountyCode();
        await PlanKit.AreaAsync(app, city, RiskLevel.Medium, today.AddDays(-30));
        var policy = await PlanKit.PolicyAsync(app, PlanKit.Chunjie);
        var person = await Registry.PersonAsync(app, tree.Grid1, null, "网格丙");
        var reportId = await ArrivalKit.FileAsync(app, ArrivalKit.Body(tree.Village1.Id, person.IdNumber!, today.AddDays(-1), today, city));
        var officer = await host.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var computed = await PlanKit.ComputeAsync(officer, reportId, policy);
        var household = await Registry.HouseholdAsync(app, tree.Grid1);
        await app.WithDbAsync(db => db.Persons.Where(p => p.Id == person.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.HouseholdId, household)));

        var confirmed = await officer.PostAsJsonAsync($"/api/plans/{computed.Id}/confirm", new { });

        Assert.Equal(tree.Village1.Id, computed.JurisdictionId);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(tree.Grid1.Id, (await confirmed.Content.ReadFromJsonAsync<GetPlan.Detail>(TestJson.Options))!.JurisdictionId);
    }

    [Fact]
    public async Task PlanNode_HouseholdOutsideTheReportsVillage_PlanStaysAtTheReportsNode()
    {
        var tree = await TestTree.CreateAsync(app);

        var (plan, _) = await ConfirmedPlanAsync(tree, tree.Grid3, "网格乙");

        Assert.Equal(tree.Village1.Id, plan.JurisdictionId);
    }
}
