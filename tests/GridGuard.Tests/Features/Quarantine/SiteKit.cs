using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Canvassing;
using GridGuard.Features.ControlPlans;
using GridGuard.Features.Households;
using GridGuard.Features.Quarantine.Rooms;
using GridGuard.Features.Quarantine.Sites;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.Quarantine;

/// <summary>
/// Arranges quarantine-site data of one test: a tree with a village officer in village A (Village1) and one in village
/// B (Village3), sites through the API, and people under an Active control plan straight in the database.
/// </summary>
public static class SiteKit
{
    public sealed record Villages(TestTree Tree, TestUser UserA, TestUser UserB, HttpClient A, HttpClient B);

    public static async Task<Villages> VillagesAsync(AppFactory app)
    {
        var tree = await TestTree.CreateAsync(app);
        var a = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var b = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village3.Id));
        return new Villages(tree, a, b, await app.ApiClientAsync(a), await app.ApiClientAsync(b));
    }

    public static string NewName() => "隔离点" + Guid.NewGuid().ToString("N")[..8];

    public static Dictionary<string, object?> Body(Guid nodeId, string name, Action<Dictionary<string, object?>>? set = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["jurisdictionId"] = nodeId,
            ["name"] = name,
            ["address"] = "甲镇卫生院后楼",
            ["responsibleName"] = "赵主任",
            ["responsiblePhone"] = "13812345678",
        };
        set?.Invoke(body);
        return body;
    }

    public static async Task<Guid> SiteAsync(HttpClient client, Guid nodeId, string? name = null)
    {
        var response = await client.PostAsJsonAsync("/api/quarantine-sites", Body(nodeId, name ?? NewName()));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<RegisterSite.Created>(TestJson.Options))!.Id;
    }

    public static Task<HttpResponseMessage> StatusAsync(HttpClient client, Guid siteId, string status) =>
        client.PostAsJsonAsync($"/api/quarantine-sites/{siteId}/status", new { status });

    /// <summary>Standby → Activating → Active.</summary>
    public static async Task ActivateAsync(HttpClient client, Guid siteId)
    {
        foreach (var s in new[] { "Activating", "Active" })
        {
            var response = await StatusAsync(client, siteId, s);
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>An Active site in village A's node with the given rooms; returns the site and the rooms by code.</summary>
    public static async Task<(Guid Site, Dictionary<string, Guid> Rooms)> ActiveSiteAsync(HttpClient client, Guid nodeId,
        string codes = "101-103", int capacity = 1)
    {
        var site = await SiteAsync(client, nodeId);
        await ActivateAsync(client, site);
        var rooms = await RoomsAsync(client, site, codes, capacity);
        return (site, rooms);
    }

    public static async Task<Dictionary<string, Guid>> RoomsAsync(HttpClient client, Guid siteId, string codes, int capacity = 1)
    {
        var response = await client.PostAsJsonAsync($"/api/quarantine-sites/{siteId}/rooms", new { codes, capacity });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var added = (await response.Content.ReadFromJsonAsync<AddRooms.Added>(TestJson.Options))!;
        return added.Codes.Zip(added.Ids).ToDictionary(x => x.First, x => x.Second);
    }

    public static async Task<GetSite.Response> GetAsync(HttpClient client, Guid siteId)
    {
        var response = await client.GetAsync($"/api/quarantine-sites/{siteId}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<GetSite.Response>(TestJson.Options))!;
    }

    public static Task<HttpResponseMessage> AssignAsync(HttpClient client, Guid siteId, Guid roomId, Guid personId) =>
        client.PostAsJsonAsync($"/api/quarantine-sites/{siteId}/assignments", new { roomId, personId });

    public static async Task<Guid> PlaceAsync(HttpClient client, Guid siteId, Guid roomId, Guid personId)
    {
        var response = await AssignAsync(client, siteId, roomId, personId);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AssignRoom.Placed>(TestJson.Options))!.AssignmentId;
    }

    /// <summary>A person at <paramref name="gridId"/>, with an Active control plan unless <paramref name="plan"/> says otherwise.</summary>
    public static async Task<Guid> PersonAsync(AppFactory app, Guid gridId, string name = "密接甲", PlanStatus? plan = PlanStatus.Active)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var person = new Person
        {
            Name = name,
            IdType = IdType.ResidentIdCard,
            IdNumber = RegistryArrange.NewIdNumber(),
            Residency = Residency.Registered,
            Status = PersonStatus.Active,
            JurisdictionId = gridId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await app.WithDbAsync(async db =>
        {
            db.Persons.Add(person);
            if (plan is { } status)
            {
                db.ControlPlans.Add(new ControlPlan
                {
                    PersonId = person.Id,
                    JurisdictionId = gridId,
                    Source = PlanSource.Manual,
                    Category = KeyPersonCategory.CloseContact,
                    Anchor = DateOnly.FromDateTime(now),
                    RegisteredOn = DateOnly.FromDateTime(now),
                    Status = status,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
            }

            await db.SaveChangesAsync();
        });
        return person.Id;
    }
}
