using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using GridGuard.Features.Canvassing;
using GridGuard.Features.Canvassing.Coverage;
using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GridGuard.Bench;

/// <summary>
/// coverage-rollup: the demo county with N synthetic persons (default 1,000,000), stewards and a running canvass that
/// has visited about half of the households; GET /api/canvassing/coverage/{county} as the county commander (TestServer)
/// — the county and each township: households without a steward or address, persons without a household, households
/// not visited in the current canvass, open key-person flags by category, vulnerable groups by kind.
/// Printed: one cold call (every node marked changed, so the whole county is counted) and 15 calls without writes.
/// Measured: 15 calls (after 3 warm-up), each after a real write to a household of another grid (so one grid is
/// counted again and the rest read from the kept per-node counts, ADR 13). Baseline, same run: the same figures computed the naive way, a loop over the
/// county's children with the metrics of each child's subtree queried through its path (one query per metric family
/// and child: households, persons and age groups, recorded groups, open flags, unvisited households), 1 warm-up and 5
/// measured. Metric: median ms (p95 printed too); ratio = baseline median / ours.
/// </summary>
public static class CoverageRollupScenario
{
    public const string Name = "coverage-rollup";
    private const int Runs = 15;
    private const int BaselineRuns = 5;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var size = options.Size ?? 1_000_000;
        using var database = BenchDatabase.Create(options);
        await using var app = await BenchApp.SeedAsync(database, size);
        var client = await app.ClientAsync("county");
        var county = await app.WithDbAsync(db => db.Jurisdictions.AsNoTracking().Where(j => j.Code == BenchApp.CountyCode)
            .Select(j => new { j.Id, j.Path }).SingleAsync());

        // Cold: every node marked changed (as after an import or on a new day), so the call counts the whole county.
        await app.WithDbAsync(async db => { await CoverageChanges.BumpAllAsync(db, CancellationToken.None); return 0; });
        var coldClock = Stopwatch.StartNew();
        var node = (await client.GetFromJsonAsync<JsonElement>($"/api/canvassing/coverage/{county.Id}")).GetProperty("node").GetProperty("metrics");
        var cold = coldClock.Elapsed.TotalMilliseconds;

        // Warm, no write between calls.
        var quiet = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await client.GetFromJsonAsync<JsonElement>($"/api/canvassing/coverage/{county.Id}");
            quiet.Add(clock.Elapsed.TotalMilliseconds);
        }

        // Measured: before each call a real write (a household's address edited through EF, so the interceptor marks
        // its grid), each time in another grid: the call counts that one grid again and reads the other rows.
        var households = await app.WithDbAsync(db => db.Households.AsNoTracking()
            .OrderBy(h => h.Id).Select(h => h.Id).Take(Runs * 50).ToListAsync());
        var ours = new List<double>();
        for (var i = 0; i < 3 + Runs; i++)
        {
            var id = households[i * 50 % households.Count];
            await app.WithDbAsync(async db =>
            {
                var h = await db.Households.SingleAsync(x => x.Id == id);
                h.Address = h.Address is { } a && a.EndsWith('·') ? a[..^1] : h.Address + "·";
                return await db.SaveChangesAsync();
            });
            var clock = Stopwatch.StartNew();
            var response = await client.GetFromJsonAsync<JsonElement>($"/api/canvassing/coverage/{county.Id}");
            if (i >= 3)
            {
                ours.Add(clock.Elapsed.TotalMilliseconds);
            }

            node = response.GetProperty("node").GetProperty("metrics");
        }

        Console.WriteLine($"coverage: {node.GetProperty("persons").GetInt32():N0} persons, {node.GetProperty("households").GetInt32():N0} households, "
            + $"{node.GetProperty("householdsUnvisited").GetInt32():N0} unvisited, {node.GetProperty("keyPersons").GetInt32():N0} key persons ({Stats.LoadAverage()})");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cold (every node counted): {cold:F1} ms; warm without writes: median {Stats.Median(quiet):F1} ms, p95 {Stats.Percentile(quiet, 95):F1} ms"));

        var baseline = new List<double>();
        Totals totals = default;
        for (var i = 0; i < 1 + BaselineRuns; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var today = scope.ServiceProvider.GetRequiredService<CountyClock>().Today;
            var clock = Stopwatch.StartNew();
            totals = await NaiveAsync(db, county.Id, county.Path, today);
            if (i >= 1)
            {
                baseline.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        if (totals.Persons != node.GetProperty("persons").GetInt32() || totals.Unvisited != node.GetProperty("householdsUnvisited").GetInt32())
        {
            Console.Error.WriteLine($"the naive loop disagrees: {totals}");
            return 1;
        }

        var count = await app.WithDbAsync(async db =>
        {
            var clock = Stopwatch.StartNew();
            var n = await db.Persons.CountAsync();
            return (n, clock.Elapsed.TotalMilliseconds);
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ours: median {Stats.Median(ours):F1} ms, p95 {Stats.Percentile(ours, 95):F1} ms, min {ours.Min():F1} ms over {Runs} runs"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"baseline (naive per-child loop): median {Stats.Median(baseline):F1} ms, p95 {Stats.Percentile(baseline, 95):F1} ms over {BaselineRuns} runs"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"for scale: SELECT count(*) FROM Persons ({count.n:N0}) took {count.Item2:F1} ms; {Stats.LoadAverage()}"));
        Console.WriteLine(Stats.Result(Name, "median", Stats.Median(ours), Stats.Median(baseline), "ms"));
        return 0;
    }

    private readonly record struct Totals(int Persons, int Households, int Unvisited);

    /// <summary>The roll-up as an ORM makes it first: per child node, its subtree's metrics, each family in its own query.</summary>
    private static async Task<Totals> NaiveAsync(AppDbContext db, Guid countyId, string countyPath, DateOnly today)
    {
        var children = await db.Jurisdictions.AsNoTracking().Where(j => j.ParentId == countyId).Select(j => j.Path).ToListAsync();
        var canvass = await db.Canvasses.AsNoTracking().Where(c => c.Jurisdiction!.Path == countyPath).Select(c => c.Id).FirstAsync();
        var (c80, c60, c3, c15) = (AgeCutoffs.BornOnOrBefore(80, today), AgeCutoffs.BornOnOrBefore(60, today),
            AgeCutoffs.BornOnOrBefore(3, today), AgeCutoffs.BornOnOrBefore(15, today));
        var totals = new Totals();
        foreach (var path in children)
        {
            var households = await db.Households.AsNoTracking().Where(h => h.Jurisdiction!.Path.StartsWith(path))
                .GroupBy(_ => 1)
                .Select(g => new { Total = g.Count(), NoSteward = g.Count(h => h.StewardId == null), NoAddress = g.Count(h => h.Address == null || h.Address == "") })
                .FirstOrDefaultAsync();
            var persons = await db.Persons.AsNoTracking().Where(p => p.Status == PersonStatus.Active && p.Jurisdiction!.Path.StartsWith(path))
                .GroupBy(_ => 1)
                .Select(g => new
                {
                    Total = g.Count(),
                    Homeless = g.Count(p => p.HouseholdId == null),
                    Elderly80 = g.Count(p => p.BirthDate <= c80),
                    Elderly60 = g.Count(p => p.BirthDate <= c60),
                    Infant = g.Count(p => p.BirthDate > c3),
                    Child14 = g.Count(p => p.BirthDate > c15),
                })
                .FirstOrDefaultAsync();
            await db.PersonVulnerableGroups.AsNoTracking()
                .Where(g => db.Persons.Any(p => p.Id == g.PersonId && p.Status == PersonStatus.Active && p.Jurisdiction!.Path.StartsWith(path)))
                .GroupBy(g => g.Group).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            await db.KeyPersonFlags.AsNoTracking().Where(f => f.Status == FlagStatus.Open && f.Jurisdiction!.Path.StartsWith(path))
                .GroupBy(f => f.Category).Select(g => new { g.Key, Count = g.Select(f => f.PersonId).Distinct().Count() }).ToListAsync();
            var unvisited = await db.Households.AsNoTracking()
                .Where(h => h.Jurisdiction!.Path.StartsWith(path) && !db.HouseholdVisits.Any(v => v.HouseholdId == h.Id && v.CanvassId == canvass))
                .CountAsync();
            totals = new Totals(totals.Persons + (persons?.Total ?? 0), totals.Households + (households?.Total ?? 0), totals.Unvisited + unvisited);
        }

        return totals;
    }
}
