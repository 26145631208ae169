using System.Globalization;
using GridGuard.Features.Canvassing;
using GridGuard.Features.Households;
using GridGuard.Features.Policies;

namespace GridGuard.Tests.Features.Policies;

/// <summary>The shipped rulebooks, and plans written as short text so that table rows can state exact dates.</summary>
internal static class PolicyKit
{
    public const string Xinping = "2022-11 新平";
    public const string Chunjie = "2021-01 春节";
    public const string Nanchang = "2020-02 南昌";

    public static readonly IReadOnlyList<Rulebook> Shipped = ShippedRulebooks.LoadValid();

    public static Rulebook Named(string name) => Shipped.Single(r => r.Name == name);

    public static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string T(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static ComputedPlan Compute(
        string policy, KeyPersonCategory category, RiskLevel? level, string anchor, string? registered = null,
        VulnerableGroup[]? groups = null, TestProof? proof = null, bool keepCentral = false) =>
        PlanCalculator.Compute(
            new PlanInput(category, level, D(anchor), D(registered ?? anchor), groups, proof, keepCentral), Named(policy));

    /// <summary>"CentralQuarantine 2022-12-02..2022-12-06 x2; HomeQuarantine …" (+ " visits", " elapsed").</summary>
    public static string Phases(ComputedPlan plan) => string.Join("; ", plan.Phases.Select(p =>
        $"{p.Kind} {T(p.Start)}..{T(p.End)} x{p.ChecksPerDay}{(p.DailyVisits ? " visits" : "")}{(p.Elapsed ? " elapsed" : "")}"));

    /// <summary>
    /// "2022-12-02 2022-12-05=1.1+1.2+1.3": a due date, and for a catch-up test the rule tests it covers
    /// (phase.day; "A" for the arrival test); "(24h:2021-02-01)" for a within-24-hours test.
    /// </summary>
    public static string Due(ComputedPlan plan) => string.Join(" ", plan.Tests.Select(t =>
        T(t.Due)
        + (t.Covers.Count > 1 || t.CatchesUp ? "=" + string.Join("+", t.Covers.Select(c => c.Phase is null ? "A" : $"{c.Phase}.{c.Day}")) : "")
        + (t.Within24hOf is { } w ? $"(24h:{T(w)})" : "")));

    public static string Days(IEnumerable<DateOnly> days) => string.Join(" ", days.Select(T));
}
