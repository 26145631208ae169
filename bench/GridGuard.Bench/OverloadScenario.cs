using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Bench;

/// <summary>
/// overload (issue 5): first the sustainable single-scan rate S (64 requests in flight for 5 s, as scan-single), then
/// an open loop at 10 × S for 20 s (one 1-tube scan per request, real HTTP, client timeout 30 s). Counted: 201/200
/// (acknowledged), 503 with and without Retry-After, other statuses, errors/timeouts. Then every acknowledged scan's
/// clientId is looked up in Samplings: lost acknowledged scans must be 0 (exit code 1 otherwise).
/// Metric: goodput under overload (acknowledged scans/s over the 20 s) against the sustainable rate S measured in
/// the same run; ratio = goodput / S (about 1 when admission control keeps the server at its capacity, well below 1
/// when it collapses).
/// </summary>
public static class OverloadScenario
{
    public const string Name = "overload";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var n = options.Size ?? 200_000;
        await using var bench = await MassTestingBench.SetupAsync(options, n);
        using var http = bench.Client(4_096);
        var prefix = "OV" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var counter = -1;
        var acknowledged = new ConcurrentBag<Guid>();
        long retryAfter = 0, noRetryAfter = 0;
        Func<CancellationToken, Task<int>> scan = async ct =>
        {
            var i = Interlocked.Increment(ref counter);
            var clientId = Guid.NewGuid();
            using var response = await http.PostAsJsonAsync(bench.ScanUrl, bench.SingleScan(prefix, i, clientId), ct);
            var status = (int)response.StatusCode;
            if (status is 200 or 201)
            {
                acknowledged.Add(clientId);
            }
            else if (status == 503)
            {
                Interlocked.Increment(ref response.Headers.RetryAfter is null ? ref noRetryAfter : ref retryAfter);
            }

            return status;
        };

        await ScanSingleScenario.ClosedLoopAsync(scan, 64, TimeSpan.FromSeconds(3)); // warm-up
        var sustainable = await ScanSingleScenario.ClosedLoopAsync(scan, 64, TimeSpan.FromSeconds(5));
        Console.WriteLine($"sustainable (64 in flight): {sustainable}; {Stats.LoadAverage()}");
        var rate = (int)Math.Max(100, Math.Round(sustainable.Rate * 10));
        var ackedBefore = acknowledged.Count;
        var over = await ScanSingleScenario.OpenLoopAsync(scan, rate, TimeSpan.FromSeconds(20));
        var ackedDuring = acknowledged.Count - ackedBefore;
        Console.WriteLine($"overload at {rate:N0}/s (10 × sustainable) for 20 s: {over}; {Stats.LoadAverage()}");
        var ok = over.Statuses.Where(s => s.Key is 200 or 201).Sum(s => s.Value);
        var busy = over.Statuses.GetValueOrDefault(503);
        var other = over.Statuses.Where(s => s.Key is not (200 or 201 or 503)).Sum(s => s.Value);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"overload: acknowledged {ok:N0}, 503 {busy:N0} ({100.0 * busy / over.Sent:F1} %; with Retry-After {Interlocked.Read(ref retryAfter):N0} over the whole run, without {Interlocked.Read(ref noRetryAfter):N0}), other statuses {other:N0}, errors/timeouts {over.Errors:N0}"));

        // Let the writer drain, then look every acknowledged scan up.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var stored = await bench.App.WithDbAsync(async db => (await db.Samplings.AsNoTracking().Where(s => s.RoundId == bench.RoundId)
            .Select(s => s.ClientId).ToListAsync()).ToHashSet());
        var acked = acknowledged.ToArray();
        var lost = acked.Count(id => !stored.Contains(id));
        Console.WriteLine($"acknowledged over the run {acked.Length:N0}, stored samplings {stored.Count:N0}, lost acknowledged scans {lost}");
        var goodput = ackedDuring / over.Seconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {Name} goodput={goodput:F0}req/s baseline={sustainable.Rate:F0}req/s ratio={goodput / sustainable.Rate:F2}"));
        return lost == 0 ? 0 : 1;
    }
}
