using System.Globalization;
using System.Net.Http.Json;
using GridGuard.Features.ControlPlans;
using GridGuard.Features.ControlPlans.Arrivals;
using GridGuard.Features.Households;
using GridGuard.Tests.Features.Canvassing.Tips;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.ControlPlans;

/// <summary>
/// Arrival reports through the public API of <see cref="TipsHost"/> (a second host with a client-IP header and its own
/// clock, so the per-IP limit counts each test's own sender). Dates are relative to that host's county today.
/// </summary>
public static class ArrivalKit
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static TipsHost Host(AppFactory app) => TipsHost.For(app);

    public static DateOnly Today(TipsHost host) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(host.Clock.GetUtcNow().UtcDateTime, Zone));

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A valid API body; stays default to one stay at <paramref name="fromCode"/> until departure.</summary>
    public static Dictionary<string, object?> Body(Guid villageId, string idNumber, DateOnly departed, DateOnly arrived,
        string fromCode = "110105", string? name = "李返乡", string? phone = "13800138000", object[]? stays = null)
    {
        return new Dictionary<string, object?>
        {
            ["name"] = name,
            ["idType"] = "ResidentIdCard",
            ["idNumber"] = idNumber,
            ["phone"] = phone,
            ["villageId"] = villageId,
            ["stayAddress"] = "和平路 8 号",
            ["fromPlaceCode"] = fromCode,
            ["fromPlaceName"] = "北京市朝阳区",
            ["departedOn"] = Day(departed),
            ["arrivedOn"] = Day(arrived),
            ["stays"] = stays ?? [Stay(fromCode, departed.AddDays(-13), departed)],
            ["testDate"] = null,
            ["testResult"] = null,
        };
    }

    public static object Stay(string code, DateOnly from, DateOnly to, string? subArea = null) =>
        new { placeCode = code, placeName = "旅居地", subArea, from = Day(from), to = Day(to) };

    /// <summary>Files a report anonymously from a fresh IP and returns its id (asserting 201).</summary>
    public static async Task<Guid> FileAsync(AppFactory app, Dictionary<string, object?> body)
    {
        var response = await Host(app).Anonymous(TipsHost.NewIp()).PostAsJsonAsync("/api/arrivals", body);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<FileArrival.Receipt>(TestJson.Options);
        return receipt!.Id;
    }

    public static Task<ArrivalReport?> ReportAsync(AppFactory app, Guid id) =>
        app.WithDbAsync(db => db.ArrivalReports.AsNoTracking().Include(r => r.Stays).FirstOrDefaultAsync(r => r.Id == id));

    public static Task<List<ArrivalReport>> ReportsOfAsync(AppFactory app, string idNumber) =>
        app.WithDbAsync(db => db.ArrivalReports.AsNoTracking().Where(r => r.IdNumber == idNumber).ToListAsync());

    public static Task<List<Person>> PersonsOfAsync(AppFactory app, string idNumber) =>
        app.WithDbAsync(db => db.Persons.AsNoTracking().Where(p => p.IdNumber == idNumber).ToListAsync());
}
