using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Canvassing.Coverage;
using GridGuard.Features.Households;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Households.Import;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Canvassing;

/// <summary>
/// The roll-up keeps each node's counts (ADR 13): every write path must make the next read count that node again,
/// and a count from another day must not be reused. Each test reads first (so the counts are stored), writes, reads again.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CoverageCountsTests(AppFactory app)
{
    private static async Task<GetCoverage.Metrics> ReadAsync(HttpClient client, Guid node) =>
        (await client.GetFromJsonAsync<GetCoverage.Response>($"/api/canvassing/coverage/{node}", TestJson.Options))!.Node.Metrics;

    private async Task<(TestTree Tree, HttpClient County, Guid Household, Person Member)> ArrangeAsync()
    {
        var tree = await TestTree.CreateAsync(app);
        var today = Registry.Today(app);
        await Registry.CanvassAsync(app, tree.County, today.AddDays(-2), today.AddDays(5), "全县排查");
        var household = await Registry.HouseholdAsync(app, tree.Grid1, "乙 1 号");
        var member = await Registry.PersonAsync(app, tree.Grid1, household, "成员甲", today.AddYears(-40));
        var county = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id)));
        return (tree, county, household, member);
    }

    [Fact]
    public async Task Coverage_VisitRecordedAfterARead_NextReadCountsItAtOnce()
    {
        var (tree, county, household, member) = await ArrangeAsync();
        Assert.Equal(1, (await ReadAsync(county, tree.County.Id)).HouseholdsUnvisited);
        var manager = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));

        var visit = await manager.PostAsJsonAsync("/api/canvassing/visits", new
        {
            householdId = household,
            members = new object[] { new { personId = member.Id, presence = "Present", temperature = 37.5 } },
        });

        Assert.Equal(HttpStatusCode.Created, visit.StatusCode);
        var after = await ReadAsync(county, tree.County.Id);
        Assert.Equal(0, after.HouseholdsUnvisited);
        Assert.Equal(1, after.KeyPersons); // 37.5 °C flags the member (Fever)
    }

    [Fact]
    public async Task Coverage_VulnerableGroupEditedAfterARead_NextReadCountsIt()
    {
        var (tree, county, _, member) = await ArrangeAsync();
        Assert.False((await ReadAsync(county, tree.County.Id)).VulnerableGroups.ContainsKey("Disabled"));

        var edit = await county.PatchAsJsonAsync($"/api/persons/{member.Id}", new { vulnerableGroups = new[] { "Disabled" } });

        Assert.True(edit.IsSuccessStatusCode, await edit.Content.ReadAsStringAsync());
        Assert.Equal(1, (await ReadAsync(county, tree.County.Id)).VulnerableGroups["Disabled"]);
    }

    [Fact]
    public async Task Coverage_StewardAssignedAfterARead_NextReadCountsIt()
    {
        var (tree, county, household, _) = await ArrangeAsync();
        var steward = await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id));
        Assert.Equal(1, (await ReadAsync(county, tree.Village1.Id)).HouseholdsWithoutSteward);

        var assign = await county.PutAsJsonAsync($"/api/households/{household}/steward", new { stewardId = steward.Id });

        Assert.True(assign.IsSuccessStatusCode, await assign.Content.ReadAsStringAsync());
        Assert.Equal(0, (await ReadAsync(county, tree.Village1.Id)).HouseholdsWithoutSteward);
    }

    [Fact]
    public async Task Coverage_HouseholdListImportedAfterARead_NextReadCountsIt()
    {
        var (tree, county, _, _) = await ArrangeAsync();
        Assert.Equal((1, 1), await HouseholdsAndPersonsAsync(county, tree.Grid1.Id));
        var grid = tree.Grid1.Code;
        PersonLine[] lines =
        [
            new(grid, "1", "丙 1 号", "户主", "丙一", ImportFiles.NewId()),
            new(grid, "1", null, "配偶", "丙二", ImportFiles.NewId()),
            new(grid, "2", "丙 2 号", "户主", "丁一", ImportFiles.NewId()),
        ];

        var report = await ImportFiles.ImportAsync(county, ImportFiles.Csv(lines), "coverage.csv");

        Assert.Equal(3, report.PersonsCreated);
        Assert.Equal((3, 4), await HouseholdsAndPersonsAsync(county, tree.Grid1.Id));
    }

    [Fact]
    public async Task Coverage_CanvassStartedAfterARead_UnvisitedCountsAgainstIt()
    {
        var (tree, county, household, member) = await ArrangeAsync();
        var manager = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));
        await manager.PostAsJsonAsync("/api/canvassing/visits", new
        {
            householdId = household,
            members = new object[] { new { personId = member.Id, presence = "Present", temperature = 36.5 } },
        });
        Assert.Equal(0, (await ReadAsync(county, tree.County.Id)).HouseholdsUnvisited);

        await Registry.CanvassAsync(app, tree.Village1, Registry.Today(app), Registry.Today(app).AddDays(2), "村级复查");

        Assert.Equal(1, (await ReadAsync(county, tree.County.Id)).HouseholdsUnvisited);
    }

    [Fact]
    public async Task Coverage_CountsStoredOnAnotherDay_AreCountedAgain()
    {
        var (tree, county, _, _) = await ArrangeAsync();
        Assert.Equal(1, (await ReadAsync(county, tree.Grid1.Id)).Persons);
        await app.WithDbAsync(db => db.NodeCoverages.Where(n => n.JurisdictionId == tree.Grid1.Id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.ComputedFor, Registry.Today(app).AddDays(-1))
                .SetProperty(n => n.Persons, 99)));

        Assert.Equal(1, (await ReadAsync(county, tree.Grid1.Id)).Persons);
    }

    [Fact]
    public async Task Coverage_StoredCountsWithoutAChange_AreReadNotRecounted()
    {
        var (tree, county, _, _) = await ArrangeAsync();
        Assert.Equal(1, (await ReadAsync(county, tree.Grid1.Id)).Persons);
        await app.WithDbAsync(db => db.NodeCoverages.Where(n => n.JurisdictionId == tree.Grid1.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Persons, 7)));

        Assert.Equal(7, (await ReadAsync(county, tree.Grid1.Id)).Persons); // proves the second read used the stored row
    }

    private static async Task<(int Households, int Persons)> HouseholdsAndPersonsAsync(HttpClient client, Guid node)
    {
        var m = await ReadAsync(client, node);
        return (m.Households, m.Persons);
    }
}
