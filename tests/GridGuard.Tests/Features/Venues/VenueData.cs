using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Venues;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.Venues;

/// <summary>Arranges venues through the API; names carry a tag no other test uses.</summary>
public static class VenueData
{
    /// <summary>A prefix unique in this test run, so that name filters see only this test's venues.</summary>
    public static string NewTag() => "场" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A register/edit body with valid defaults; <paramref name="set"/> changes or adds fields.</summary>
    public static Dictionary<string, object?> Body(Guid gridId, string name, Action<Dictionary<string, object?>>? set = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["jurisdictionId"] = gridId,
            ["name"] = name,
            ["kind"] = "Hotel",
            ["address"] = "扬武镇新村路 12 号",
            ["responsibleName"] = "张老板",
            ["responsiblePhone"] = "13812345678",
            ["nonLocalStaff"] = 3,
        };
        set?.Invoke(body);
        return body;
    }

    public static async Task<Guid> RegisterAsync(HttpClient client, Guid gridId, string name,
        Action<Dictionary<string, object?>>? set = null)
    {
        var response = await client.PostAsJsonAsync("/api/venues", Body(gridId, name, set));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<RegisterVenue.Created>(TestJson.Options))!.Id;
    }

    public static async Task<ListVenues.Response> ListAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/venues?" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ListVenues.Response>(TestJson.Options))!;
    }

    public static async Task<GetVenue.Response> GetAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/venues/{id}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<GetVenue.Response>(TestJson.Options))!;
    }
}
