using System.Diagnostics;
using System.Globalization;
using GridGuard.Features.Policies;

namespace GridGuard.Bench;

/// <summary>
/// plan-compute (issue 4): 100,000 arrival reports against a risk-area list of 10,000 areas — the trip's risk
/// level with the county rule, then the control plan under the shipped rulebook in force on the arrival date.
/// Ours: build the <see cref="RiskAreaIndex"/> and compute every report. Baseline, same run, same data and the
/// same plan calculator: the risk level by scanning the whole list for each stay (<see cref="NaiveTripRisk"/>),
/// timed on a sample and scaled to the full count (it is linear in reports); every sampled level must match ours.
/// Pure CPU work, no database (--provider is ignored). Metric: seconds (lower is better); ratio = baseline / time.
/// </summary>
public static class PlanComputeScenario
{
    public const string Name = "plan-compute";
    private const int BaselineSample = 5_000;

    public static int Run(BenchOptions options)
    {
        var reports = options.Size ?? 100_000;
        var areaCount = reports >= 100_000 ? 10_000 : Math.Max(100, reports / 10);
        var (areas, samples) = PlanComputeData.Generate(reports, areaCount);
        var rulebooks = ShippedRulebooks.LoadValid();
        Console.WriteLine($"data: {samples.Count} reports with {samples.Sum(s => s.Stays.Count)} stays; {areas.Count} risk areas; "
            + $"rulebooks: {string.Join(", ", rulebooks.Select(r => r.Name))}");

        // Warm both paths up (JIT) on a few reports, outside the clock.
        var warm = samples.Take(200).ToList();
        Compute(warm, RiskAreaIndex.Build(areas).LevelOf, rulebooks);
        Compute(warm, new NaiveTripRisk(areas).LevelOf, rulebooks);

        var clock = Stopwatch.StartNew();
        var index = RiskAreaIndex.Build(areas);
        var built = clock.Elapsed.TotalSeconds;
        var ours = Compute(samples, index.LevelOf, rulebooks);
        var time = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var levelsOnly = samples.Count(s => index.LevelOf(s.Stays) > RiskLevel.Low);
        var levelTime = clock.Elapsed.TotalSeconds;

        var sample = samples.Take(Math.Min(BaselineSample, samples.Count)).ToList();
        var naive = new NaiveTripRisk(areas);
        clock.Restart();
        var reference = Compute(sample, naive.LevelOf, rulebooks);
        var sampleTime = clock.Elapsed.TotalSeconds;
        var baseline = sampleTime * samples.Count / sample.Count;

        var mismatches = sample.Select((_, i) => ours.Levels[i] != reference.Levels[i]).Count(m => m);
        Console.WriteLine($"ours: index built in {built * 1000:F0} ms; {samples.Count} plans in {time:F2} s "
            + $"({samples.Count / time:F0} reports/s); levels High {ours.Count(RiskLevel.High)}, Medium {ours.Count(RiskLevel.Medium)}, "
            + $"Low {ours.Count(RiskLevel.Low)}; manual decisions {ours.Manual}; tests {ours.Tests}");
        Console.WriteLine($"  of which risk levels alone (index look-ups, measured again separately): {levelTime:F2} s; "
            + $"{levelsOnly} reports above Low");
        Console.WriteLine($"baseline: naive scan on the first {sample.Count} reports in {sampleTime:F2} s, "
            + $"scaled to {samples.Count}: {baseline:F2} s; level mismatches against ours: {mismatches}; "
            + $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
        if (mismatches > 0)
        {
            Console.Error.WriteLine("索引与逐条扫描的风险等级不一致");
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {Name} time={time:F2}s baseline={baseline:F2}s ratio={baseline / time:F2}"));
        return 0;
    }

    private static Outcome Compute(List<ArrivalSample> samples, Func<IReadOnlyList<Stay>, RiskLevel?> levelOf, IReadOnlyList<Rulebook> rulebooks)
    {
        var levels = new RiskLevel?[samples.Count];
        var manual = 0;
        var tests = 0;
        for (var i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            levels[i] = levelOf(s.Stays);
            var plan = PlanCalculator.Compute(
                new PlanInput(s.Category, levels[i], s.Arrival, s.RegisteredOn, SpecialGroups.Of(s.Groups, null, s.Arrival), s.Proof),
                rulebooks);
            manual += plan.ManualDecisionRequired ? 1 : 0;
            tests += plan.Tests.Count;
        }

        return new Outcome(levels, manual, tests);
    }

    private sealed record Outcome(RiskLevel?[] Levels, int Manual, int Tests)
    {
        public int Count(RiskLevel level) => Levels.Count(l => l == level);
    }
}
