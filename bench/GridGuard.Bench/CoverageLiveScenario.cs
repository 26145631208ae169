using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using GridGuard.Features.Jurisdictions;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Bench;

/// <summary>
/// coverage-live (issue 5): a round over the demo county with N residents (default 1,000,000). A background client
/// keeps sending scan batches (1,000 scans, 10-in-1 tubes, one request at a time; after the last member it starts again
/// with repeat scans) while the bench measures, over real
/// HTTP as the county commander, GET …/coverage for the county, a township and a grid, and GET …/missing for a grid
/// (30 calls each, after 3 warm-up calls): p50/p95 (targets: coverage &lt; 200 ms, missing &lt; 50 ms).
/// Baseline, same run, same moment: the naive figures straight from the database — a GROUP BY count of RoundMembers
/// (expected, sampled) per child node of the same node (a join on the path prefix), and for the missing list the grid's
/// unsampled members with their names ordered by name, first 50. Metric: county coverage p95; ratio = baseline p95 / p95.
/// </summary>
public static class CoverageLiveScenario
{
    public const string Name = "coverage-live";
    private const int Calls = 30;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var n = options.Size ?? 1_000_000;
        await using var bench = await MassTestingBench.SetupAsync(options, n);
        var (township, grid) = await bench.App.WithDbAsync(async db =>
        {
            var t = await db.Jurisdictions.Where(j => j.Level == JurisdictionLevel.Township).OrderBy(j => j.Code).Select(j => j.Id).FirstAsync();
            var g = await db.RoundMembers.Where(m => m.RoundId == bench.RoundId).GroupBy(m => m.JurisdictionId)
                .OrderByDescending(x => x.Count()).Select(x => x.Key).FirstAsync();
            return (t, g);
        });
        using var http = bench.Client(8);

        // Background scans: batches of 1,000 in a loop until the measurements are done (then stop).
        using var stop = new CancellationTokenSource();
        long sent = 0;
        var prefix = "CL" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var feeder = Task.Run(async () =>
        {
            var members = bench.Members.Count;
            var batches = (members + 999) / 1_000;
            for (var b = 0; !stop.IsCancellationRequested; b++)
            {
                // After the last member, again from the first (repeat scans, new tubes): scans keep arriving.
                var k = b % batches;
                var scans = bench.Scans($"{prefix}{b / batches}X", k * 1_000, Math.Min(members, (k + 1) * 1_000));
                try
                {
                    using var response = await http.PostAsJsonAsync(bench.BatchUrl, new { scans }, stop.Token);
                    Interlocked.Add(ref sent, response.IsSuccessStatusCode ? scans.Count : 0);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
        await Task.Delay(TimeSpan.FromSeconds(2));

        var url = $"/api/testing-rounds/{bench.RoundId}";
        var figures = new List<(string Label, List<double> Ours, List<double> Naive)>
        {
            ("coverage county", await TimeAsync(() => GetAsync(http, $"{url}/coverage?node={bench.CountyId}")),
                await TimeAsync(() => NaiveCountsAsync(bench, bench.CountyId))),
            ("coverage township", await TimeAsync(() => GetAsync(http, $"{url}/coverage?node={township}")),
                await TimeAsync(() => NaiveCountsAsync(bench, township))),
            ("coverage grid", await TimeAsync(() => GetAsync(http, $"{url}/coverage?node={grid}")),
                await TimeAsync(() => NaiveCountsAsync(bench, grid))),
            ("missing grid", await TimeAsync(() => GetAsync(http, $"{url}/missing?node={grid}")),
                await TimeAsync(() => NaiveMissingAsync(bench, grid))),
        };
        await stop.CancelAsync();
        await feeder;
        Console.WriteLine($"background scans acknowledged during the measurements: {Interlocked.Read(ref sent):N0}; {Stats.LoadAverage()}");
        foreach (var (label, ours, naive) in figures)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}: p50 {Stats.Median(ours):F1} ms, p95 {Stats.Percentile(ours, 95):F1} ms; naive p50 {Stats.Median(naive):F1} ms, p95 {Stats.Percentile(naive, 95):F1} ms"));
        }

        var coverageP95 = figures.Take(3).Max(f => Stats.Percentile(f.Ours, 95));
        var missingP95 = Stats.Percentile(figures[3].Ours, 95);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"targets: coverage p95 < 200 ms → {(coverageP95 < 200 ? "met" : "missed")} ({coverageP95:F1} ms worst node); missing p95 < 50 ms → {(missingP95 < 50 ? "met" : "missed")} ({missingP95:F1} ms)"));
        var p95 = Stats.Percentile(figures[0].Ours, 95);
        var b95 = Stats.Percentile(figures[0].Naive, 95);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {Name} p95={p95:F1}ms baseline={b95:F1}ms ratio={b95 / p95:F2}"));
        return 0;
    }

    private static async Task GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<List<double>> TimeAsync(Func<Task> call)
    {
        var times = new List<double>();
        for (var i = 0; i < Calls + 3; i++)
        {
            var sw = Stopwatch.StartNew();
            await call();
            if (i >= 3)
            {
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
        }

        return times;
    }

    /// <summary>Expected and sampled per child node of the node: GROUP BY over RoundMembers joined on the path prefix.</summary>
    private static Task<int> NaiveCountsAsync(MassTestingBench bench, Guid node) => bench.App.WithDbAsync(async db =>
    {
        var children = db.Jurisdictions.Where(c => c.ParentId == node);
        if (!await children.AnyAsync())
        {
            children = db.Jurisdictions.Where(c => c.Id == node);
        }

        var rows = await (from m in db.RoundMembers
                          where m.RoundId == bench.RoundId
                          join g in db.Jurisdictions on m.JurisdictionId equals g.Id
                          from c in children
                          where g.Path.StartsWith(c.Path)
                          group m by c.Id into x
                          select new { x.Key, Expected = x.Count(), Sampled = x.Count(m => m.FirstSampledAt != null) })
            .AsNoTracking().ToListAsync();
        return rows.Count;
    });

    private static Task<int> NaiveMissingAsync(MassTestingBench bench, Guid grid) => bench.App.WithDbAsync(async db =>
        (await db.RoundMembers.AsNoTracking().Where(m => m.RoundId == bench.RoundId && m.JurisdictionId == grid && m.FirstSampledAt == null)
            .OrderBy(m => m.Person!.Name).Select(m => new { m.PersonId, m.Person!.Name }).Take(50).ToListAsync()).Count);
}
