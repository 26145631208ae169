using GridGuard.Features.ControlPlans;
using GridGuard.Features.Demo;
using GridGuard.Features.Monitoring;
using GridGuard.Features.Policies;
using GridGuard.Features.Quarantine;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GridGuard.Tests.Features.Demo;

/// <summary>
/// The issue-4 demo data on a test tree of its own: a small synthetic population, then <see cref="DemoControl"/> with
/// origins under fresh county codes (so no other test's trips meet these risk areas).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DemoControlTests(AppFactory app)
{
    [Fact]
    public async Task DemoControl_SeededCounty_ReportsPlansChecksAReferralAndASiteOnceOnly()
    {
        var tree = await TestTree.CreateAsync(app);
        var actor = await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id));
        var levels = new[] { RiskLevel.High, RiskLevel.Medium, RiskLevel.Low, RiskLevel.Medium, RiskLevel.High };
        var origins = levels.Select((l, i) => new Origin(TestTree.NewCountyCode(), $"测试旅居地{i}", l)).ToList();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoPopulation>().RunAsync(tree.CountyCode, 400);
        }

        var first = await RunAsync(tree, actor, origins);
        var second = await RunAsync(tree, actor, origins);

        Assert.True(first);
        Assert.False(second);
        var path = tree.County.Path;
        var plans = await app.WithDbAsync(db => db.ControlPlans.AsNoTracking().Where(p => p.Jurisdiction!.Path.StartsWith(path))
            .Select(p => new { p.Id, p.Status, p.Jurisdiction!.Level, p.JurisdictionId, Central = p.Phases.Any(x => x.Kind == PhaseKind.CentralQuarantine) })
            .ToListAsync());
        Assert.Equal(DemoControl.Reports, await app.WithDbAsync(db => db.ArrivalReports.CountAsync(r => r.Jurisdiction!.Path.StartsWith(path))));
        Assert.Equal(DemoControl.Reports, plans.Count);
        Assert.Equal(DemoControl.Unconfirmed, plans.Count(p => p.Status == PlanStatus.Proposed));
        Assert.All(plans, p => Assert.Equal(GridGuard.Features.Jurisdictions.JurisdictionLevel.Grid, p.Level));
        Assert.True(plans.Count(p => p.JurisdictionId == tree.Grid1.Id) >= DemoControl.InFocusGrid);
        var codes = origins.Select(o => o.Code).ToList();
        Assert.Equal(origins.Count, await app.WithDbAsync(db => db.RiskAreas.CountAsync(a => codes.Contains(a.PlaceCode) && a.Source == DemoControl.Source)));
        var checks = await app.WithDbAsync(db => db.HealthChecks.Where(c => c.Jurisdiction!.Path.StartsWith(path)).Select(c => c.Abnormal).ToListAsync());
        Assert.Single(checks, a => a);
        Assert.Single(await app.WithDbAsync(db => db.WorkTasks.Where(t => t.Jurisdiction!.Path.StartsWith(path)
            && t.Kind == WorkTaskKind.Referral && t.Status == WorkTaskStatus.Open).ToListAsync()));
        var site = await app.WithDbAsync(db => db.QuarantineSites.AsNoTracking().SingleAsync(s => s.JurisdictionId == tree.County.Id));
        Assert.Equal((DemoQuarantine.SiteName, SiteStatus.Active), (site.Name, site.Status));
        Assert.Equal(20, await app.WithDbAsync(db => db.QuarantineRooms.CountAsync(r => r.SiteId == site.Id)));
        var placed = await app.WithDbAsync(db => db.RoomAssignments.CountAsync(a => a.SiteId == site.Id && a.CheckedOutAt == null));
        Assert.Equal(Math.Min(DemoQuarantine.MaxPlacements, plans.Count(p => p.Central && p.Status == PlanStatus.Active)), placed);
        Assert.True(placed > 0);
    }

    private async Task<bool> RunAsync(TestTree tree, TestUser actor, IReadOnlyList<Origin> origins)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DemoControl>().RunAsync(tree.CountyCode, actor.UserName, tree.Grid1.Code, origins);
    }
}
