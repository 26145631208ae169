using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridGuard.Features.Demo;
using GridGuard.Features.Jurisdictions;
using GridGuard.Features.MassTesting;
using GridGuard.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GridGuard.Bench;

/// <summary>
/// Shared arrangement of the issue-5 scenarios: the demo county with N synthetic residents (BenchApp.SeedAsync), the app
/// served by Kestrel in process (real HTTP over loopback), a round opened over the whole county through
/// POST /api/testing-rounds as the demo <c>county</c> account (CountyCommander, who may also sample), and the round's
/// members (person, grid) read back for building scans.
/// </summary>
public sealed class MassTestingBench : IAsyncDisposable
{
    private MassTestingBench(BenchDatabase database, BenchApp app, Uri address, string token, Guid roundId, Guid countyId,
        IReadOnlyList<(Guid PersonId, Guid GridId)> members)
    {
        Database = database;
        App = app;
        Address = address;
        Token = token;
        RoundId = roundId;
        CountyId = countyId;
        Members = members;
    }

    public BenchDatabase Database { get; }

    public BenchApp App { get; }

    public Uri Address { get; }

    public string Token { get; }

    public Guid RoundId { get; }

    public Guid CountyId { get; }

    public IReadOnlyList<(Guid PersonId, Guid GridId)> Members { get; }

    public static async Task<MassTestingBench> SetupAsync(BenchOptions options, int persons)
    {
        var database = BenchDatabase.Create(options);
        Console.WriteLine($"database: {database.Provider} {database.Name ?? database.ConnectionString}; persons: {persons:N0}; {Stats.LoadAverage()}");
        var app = await BenchApp.SeedAsync(database, persons, kestrel: true);
        using var probe = app.CreateClient();
        var address = probe.BaseAddress!;
        using var http = Client(address, null, 4);
        var login = await http.PostAsJsonAsync("/api/auth/token", new { userName = "county", password = DemoSeed.Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        var countyId = await app.WithDbAsync(db => db.Jurisdictions.Where(j => j.Code == BenchApp.CountyCode).Select(j => j.Id).SingleAsync());
        var clock = app.Services.GetRequiredService<CountyClock>();
        var local = clock.LocalNow;
        using var authed = Client(address, token, 4);
        var sw = Stopwatch.StartNew();
        var opened = await authed.PostAsJsonAsync("/api/testing-rounds", new
        {
            name = "基准全员核酸" + Guid.NewGuid().ToString("N")[..6],
            jurisdictionId = countyId,
            startsAt = local.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            endsAt = local.AddHours(20).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        });
        if (opened.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Accepted))
        {
            throw new InvalidOperationException($"open round: {(int)opened.StatusCode} {await opened.Content.ReadAsStringAsync()}");
        }

        var round = await opened.Content.ReadFromJsonAsync<JsonElement>();
        var roundId = round.GetProperty("id").GetGuid();
        var answered = sw.Elapsed;
        // 202: the snapshot continues in the background; the coverage board says when the round is open.
        while (round.GetProperty("status").GetString() != "Open")
        {
            await Task.Delay(500);
            round = await authed.GetFromJsonAsync<JsonElement>($"/api/testing-rounds/{roundId}/coverage");
        }

        var population = await app.WithDbAsync(db => db.RoundMembers.CountAsync(m => m.RoundId == roundId));
        Console.WriteLine($"round opened over the county: population {population:N0} in {sw.Elapsed.TotalSeconds:F1} s (request answered {(int)opened.StatusCode} after {answered.TotalSeconds:F1} s)");
        var members = await app.WithDbAsync(async db => (await db.RoundMembers.AsNoTracking().Where(m => m.RoundId == roundId)
            .OrderBy(m => m.JurisdictionId).Select(m => new { m.PersonId, m.JurisdictionId }).ToListAsync())
            .Select(m => (m.PersonId, m.JurisdictionId)).ToList());
        return new MassTestingBench(database, app, address, token, roundId, countyId, members);
    }

    /// <summary>A real HTTP client over loopback (SocketsHttpHandler, many connections), signed in when a token is given.</summary>
    public static HttpClient Client(Uri address, string? token, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return client;
    }

    public HttpClient Client(int connections) => Client(Address, Token, connections);

    public string BatchUrl => $"/api/testing-rounds/{RoundId}/samplings/batch";

    public string ScanUrl => $"/api/testing-rounds/{RoundId}/samplings";

    /// <summary>The scans of members [from, to): 10-in-1 tubes in member order (grid by grid), poolSize on a tube's first scan.</summary>
    public List<object> Scans(string prefix, int from, int to, List<Guid>? clientIds = null)
    {
        var scans = new List<object>(to - from);
        for (var i = from; i < to; i++)
        {
            var clientId = Guid.NewGuid();
            clientIds?.Add(clientId);
            scans.Add(new
            {
                clientId,
                tube = string.Create(CultureInfo.InvariantCulture, $"{prefix}{i / 10:D8}"),
                poolSize = i % 10 == 0 ? 10 : (int?)null,
                personCode = PersonCode.Of(Members[i].PersonId),
            });
        }

        return scans;
    }

    /// <summary>A single-tube scan of member i (each request stands alone, as a phone's does).</summary>
    public object SingleScan(string prefix, int i, Guid clientId) => new
    {
        clientId,
        tube = string.Create(CultureInfo.InvariantCulture, $"{prefix}{i:D9}"),
        poolSize = 1,
        personCode = PersonCode.Of(Members[i % Members.Count].PersonId),
    };

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Database.Dispose();
    }
}
