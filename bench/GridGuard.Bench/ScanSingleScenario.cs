using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

namespace GridGuard.Bench;

/// <summary>
/// scan-single (issue 5): one HTTP request per scan (POST /api/testing-rounds/{id}/samplings, a 1-tube each, as a
/// sampler's phone sends it) over real HTTP (Kestrel in process, SocketsHttpHandler). Phase 1: 64 requests in flight
/// for 10 s, max throughput (target ≥ 5,000/s). Phase 2: an open-loop steady 2,000/s for 10 s, latency measured from
/// each request's scheduled start (no coordinated omission), p50/p99 (target p99 &lt; 50 ms). Baseline, same run:
/// GET /healthz (anonymous; the app's health checks) at the same 64 in flight — the framework's ceiling on this
/// machine. ratio = scan req/s / healthz req/s.
/// </summary>
public static class ScanSingleScenario
{
    public const string Name = "scan-single";
    private const int InFlight = 64;
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var n = options.Size ?? 200_000;
        await using var bench = await MassTestingBench.SetupAsync(options, n);
        using var http = bench.Client(1_024);
        var prefix = "SS" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var counter = -1;
        Func<CancellationToken, Task<int>> scan = async ct =>
        {
            var i = Interlocked.Increment(ref counter);
            using var response = await http.PostAsJsonAsync(bench.ScanUrl, bench.SingleScan(prefix, i, Guid.NewGuid()), ct);
            return (int)response.StatusCode;
        };
        Func<CancellationToken, Task<int>> health = async ct =>
        {
            using var response = await http.GetAsync("/healthz", ct);
            return (int)response.StatusCode;
        };

        // Warm-up: JIT, connections, EF query compilation.
        await ClosedLoopAsync(health, InFlight, TimeSpan.FromSeconds(2));
        await ClosedLoopAsync(scan, InFlight, TimeSpan.FromSeconds(3));

        var baseline = await ClosedLoopAsync(health, InFlight, Phase);
        Console.WriteLine($"healthz, {InFlight} in flight: {baseline}; {Stats.LoadAverage()}");
        var ours = await ClosedLoopAsync(scan, InFlight, Phase);
        Console.WriteLine($"scan, {InFlight} in flight: {ours}; {Stats.LoadAverage()}");
        var steady = await OpenLoopAsync(scan, 2_000, Phase);
        Console.WriteLine($"scan, open loop 2,000/s: {steady}; {Stats.LoadAverage()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"targets: ≥ 5,000 req/s → {(ours.Rate >= 5_000 ? "met" : "missed")}; p99 < 50 ms at 2,000/s → {(steady.P99 < 50 && steady.Errors == 0 ? "met" : "missed")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {Name} rate={ours.Rate:F0}req/s baseline={baseline.Rate:F0}req/s ratio={ours.Rate / baseline.Rate:F2}"));
        return 0;
    }

    public sealed record LoadFigures(long Sent, double Seconds, IReadOnlyDictionary<int, long> Statuses, long Errors, List<double> Latencies,
        double CpuSeconds)
    {
        public double Rate => (Sent - Errors) / Seconds;

        public double P50 => Stats.Percentile(Latencies, 50);

        public double P99 => Stats.Percentile(Latencies, 99);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Sent:N0} requests in {Seconds:F1} s = {Rate:F0} req/s; statuses {string.Join(", ", Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; "
            + $"errors/timeouts {Errors}; latency p50 {P50:F1} ms, p99 {P99:F1} ms; process CPU {CpuSeconds:F1} s = {1000 * CpuSeconds / Math.Max(1, Sent):F2} ms/request (client and server)");
    }

    /// <summary><paramref name="workers"/> requests kept in flight for the duration; latency per request.</summary>
    public static async Task<LoadFigures> ClosedLoopAsync(Func<CancellationToken, Task<int>> request, int workers, TimeSpan duration)
    {
        var statuses = new ConcurrentDictionary<int, long>();
        var latencies = new ConcurrentBag<double>();
        long sent = 0, errors = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (sw.Elapsed < duration)
            {
                var start = sw.Elapsed.TotalMilliseconds;
                try
                {
                    var status = await request(default);
                    statuses.AddOrUpdate(status, 1, (_, v) => v + 1);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref errors);
                }

                latencies.Add(sw.Elapsed.TotalMilliseconds - start);
                Interlocked.Increment(ref sent);
            }
        })));
        return new LoadFigures(sent, sw.Elapsed.TotalSeconds, statuses, errors, [.. latencies],
            (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>
    /// Requests started on a fixed schedule (<paramref name="perSecond"/>), whatever the answers: latency counts from the
    /// scheduled start, so a stall shows up in the percentiles. <paramref name="onAnswer"/> sees each request's status.
    /// </summary>
    public static async Task<LoadFigures> OpenLoopAsync(Func<CancellationToken, Task<int>> request, int perSecond, TimeSpan duration)
    {
        var statuses = new ConcurrentDictionary<int, long>();
        var latencies = new ConcurrentBag<double>();
        long errors = 0;
        var total = (long)(perSecond * duration.TotalSeconds);
        var tasks = new List<Task>((int)total);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        for (long k = 0; k < total; k++)
        {
            var due = k * 1000.0 / perSecond;
            var wait = due - sw.Elapsed.TotalMilliseconds;
            if (wait > 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait));
            }

            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    var status = await request(default);
                    statuses.AddOrUpdate(status, 1, (_, v) => v + 1);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref errors);
                }

                latencies.Add(sw.Elapsed.TotalMilliseconds - due);
            }));
        }

        var sending = sw.Elapsed.TotalSeconds;
        await Task.WhenAll(tasks);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"open loop: {total:N0} scheduled at {perSecond}/s, sent over {sending:F1} s, all answered after {sw.Elapsed.TotalSeconds:F1} s"));
        return new LoadFigures(total, sw.Elapsed.TotalSeconds, statuses, errors, [.. latencies],
            (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }
}
