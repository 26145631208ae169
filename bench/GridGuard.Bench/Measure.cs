using System.Diagnostics;
using System.Globalization;

namespace GridGuard.Bench;

/// <summary>
/// Samples the process every 50 ms while a phase runs: the peak working set (what the OS gives the process; server GC
/// keeps more than it needs) and the peak managed heap (what is live or not yet collected).
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly TimeSpan startCpu;
    private long peakWorkingSet;
    private long peakHeap;
    private TimeSpan cpu;

    private MemorySampler()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        StartWorkingSet = Mib(Environment.WorkingSet);
        StartHeap = Mib(GC.GetTotalMemory(false));
        startCpu = Process.GetCurrentProcess().TotalProcessorTime;
        loop = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!stop.IsCancellationRequested)
            {
                Sample(process);
                try
                {
                    await Task.Delay(50, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            Sample(process);
        });
    }

    public double StartWorkingSet { get; }

    public double StartHeap { get; }

    public double PeakWorkingSet => Mib(Interlocked.Read(ref peakWorkingSet));

    public double PeakHeap => Mib(Interlocked.Read(ref peakHeap));

    public static MemorySampler Start() => new();

    /// <summary>CPU time the whole process used during the phase (all threads): on a shared machine, steadier than wall time.</summary>
    public TimeSpan Cpu => cpu;

    public async Task<MemorySampler> StopAsync()
    {
        await stop.CancelAsync();
        await loop;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - startCpu;
        return this;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"working set {StartWorkingSet:F0} → peak {PeakWorkingSet:F0} MiB, managed heap {StartHeap:F0} → peak {PeakHeap:F0} MiB, CPU {cpu.TotalSeconds:F1} s");

    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        stop.Dispose();
    }

    private void Sample(Process process)
    {
        process.Refresh();
        Max(ref peakWorkingSet, process.WorkingSet64);
        Max(ref peakHeap, GC.GetTotalMemory(false));
    }

    private static void Max(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static double Mib(long bytes) => bytes / 1024d / 1024d;
}

public static class Stats
{
    /// <summary>Nearest-rank percentile (p in 0–100) of the values.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 50);

    /// <summary>The one closing line of a scenario: RESULT &lt;scenario&gt; &lt;metric&gt;=&lt;value&gt;&lt;unit&gt; baseline=… ratio=….</summary>
    public static string Result(string scenario, string metric, double value, double baseline, string unit) =>
        string.Create(CultureInfo.InvariantCulture,
            $"RESULT {scenario} {metric}={value:F2}{unit} baseline={baseline:F2}{unit} ratio={baseline / value:F2}");

    /// <summary>"load average 3.2 4.1 5.0" from /proc/loadavg, for the record of a run.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? "load average " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "load average n/a";
}
