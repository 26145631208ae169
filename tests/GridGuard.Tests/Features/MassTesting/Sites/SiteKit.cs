using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.MassTesting.Rounds;
using GridGuard.Features.MassTesting.Sites;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.MassTesting.Sites;

/// <summary>
/// A round over township 1 on 2026-11-25 07:00–20:00 county time (the day after the test clock's start, so that the
/// public timetable still shows it), and helpers to add sites and slots to it.
/// </summary>
public static class SiteKit
{
    public static async Task<Guid> OpenRoundAsync(HttpClient client, Guid nodeId)
    {
        var response = await client.PostAsJsonAsync("/api/testing-rounds", new
        {
            name = "全员核酸" + Guid.NewGuid().ToString("N")[..6],
            jurisdictionId = nodeId,
            startsAt = "2026-11-25T07:00:00",
            endsAt = "2026-11-25T20:00:00",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<OpenRound.Opened>(TestJson.Options))!.Id;
    }

    public static object Site(Guid nodeId, string? name = null, string opens = "07:00:00", string closes = "18:00:00", int lanes = 4) => new
    {
        name = name ?? "文化广场采样点" + Guid.NewGuid().ToString("N")[..4],
        address = "甲镇人民路 1 号文化广场",
        jurisdictionId = nodeId,
        opens,
        closes,
        lanes,
        staff = "王医生 13800000000",
    };

    public static async Task<Guid> AddSiteAsync(HttpClient client, Guid roundId, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/testing-rounds/{roundId}/sites", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AddSite.Added>(TestJson.Options))!.Id;
    }

    public static Task<HttpResponseMessage> AddSlotAsync(HttpClient client, Guid roundId, Guid siteId, Guid gridId,
        string starts, string ends) =>
        client.PostAsJsonAsync($"/api/testing-rounds/{roundId}/sites/{siteId}/slots", new
        {
            gridId,
            startsAt = "2026-11-25T" + starts + ":00",
            endsAt = "2026-11-25T" + ends + ":00",
        });
}
