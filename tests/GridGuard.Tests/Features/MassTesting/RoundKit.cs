using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Canvassing;
using GridGuard.Features.ControlPlans;
using GridGuard.Features.MassTesting;
using GridGuard.Features.MassTesting.Collection;
using GridGuard.Features.MassTesting.Rounds;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.MassTesting;

/// <summary>
/// Arranges a mass-testing round of one test: a tree, a township officer over township 1 (the organiser), grid managers
/// in grid 1 and grid 3 to register households, and persons in households of grid 1 (inside the round) and grid 3
/// (outside it, under township 2).
/// </summary>
public static class RoundKit
{
    public sealed record Setup(TestTree Tree, TestUser Organiser, HttpClient Township, HttpClient Grid1, HttpClient Grid3);

    public static async Task<Setup> SetupAsync(AppFactory app)
    {
        var tree = await TestTree.CreateAsync(app);
        var organiser = await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id));
        var g1 = await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id));
        var g3 = await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid3.Id));
        return new Setup(tree, organiser, await app.ApiClientAsync(organiser), await app.ApiClientAsync(g1), await app.ApiClientAsync(g3));
    }

    /// <summary>A household in the grid with the named members; returns their ids in order.</summary>
    public static async Task<List<Guid>> HouseholdAsync(HttpClient gridClient, Guid gridId, params (string Name, string[] Groups)[] members)
    {
        var household = await RegistryArrange.HouseholdAsync(gridClient, gridId);
        var ids = new List<Guid>();
        foreach (var (name, groups) in members)
        {
            ids.Add(await RegistryArrange.MemberAsync(gridClient, household, name, phone: RegistryArrange.NewPhone(), groups: groups));
        }

        return ids;
    }

    /// <summary>A medical-staff sampler at the node, and their API client.</summary>
    public static async Task<HttpClient> SamplerAsync(AppFactory app, Guid nodeId)
    {
        var user = await TestUsers.CreateAsync(app, (Role.MedicalStaff, nodeId));
        return await app.ApiClientAsync(user);
    }

    /// <summary>Puts an Active control plan on the person straight in the database (they must then have a single tube).</summary>
    public static Task PlanAsync(AppFactory app, Guid personId, Guid nodeId) => app.WithDbAsync(async db =>
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        db.ControlPlans.Add(new ControlPlan
        {
            PersonId = personId,
            JurisdictionId = nodeId,
            Source = PlanSource.Manual,
            Category = KeyPersonCategory.CloseContact,
            Anchor = DateOnly.FromDateTime(now),
            RegisteredOn = DateOnly.FromDateTime(now),
            Status = PlanStatus.Active,
            CreatedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync();
    });

    public static string NewBarcode() => "T" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    public static object ScanOf(Guid personId, string tube, int? poolSize = null) => new
    {
        clientId = Guid.NewGuid(),
        tube,
        poolSize,
        personCode = PersonCode.Of(personId),
    };

    public static async Task<ScanResult> ScanAsync(HttpClient sampler, Guid roundId, Guid personId, string tube, int? poolSize = null)
    {
        var response = await sampler.PostAsJsonAsync($"/api/testing-rounds/{roundId}/samplings", ScanOf(personId, tube, poolSize));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ScanResult>(TestJson.Options))!;
    }

    public static async Task<RecordSamplingBatch.Answer> BatchAsync(HttpClient sampler, Guid roundId, IEnumerable<object> scans)
    {
        var response = await sampler.PostAsJsonAsync($"/api/testing-rounds/{roundId}/samplings/batch", new { scans });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<RecordSamplingBatch.Answer>(TestJson.Options))!;
    }

    public static object Body(Guid nodeId, string? name = null) => new
    {
        name = name ?? "第一轮全员核酸" + Guid.NewGuid().ToString("N")[..6],
        jurisdictionId = nodeId,
        startsAt = "2022-11-25T07:00:00",
        endsAt = "2022-11-25T20:00:00",
    };

    public static async Task<OpenRound.Opened> OpenAsync(HttpClient client, Guid nodeId)
    {
        var response = await client.PostAsJsonAsync("/api/testing-rounds", Body(nodeId));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<OpenRound.Opened>(TestJson.Options))!;
    }
}
