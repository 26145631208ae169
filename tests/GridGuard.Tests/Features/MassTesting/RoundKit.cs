using System.Net;
using System.Net.Http.Json;
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
