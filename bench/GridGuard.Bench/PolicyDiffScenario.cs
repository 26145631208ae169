using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using GridGuard.Features.Canvassing;
using GridGuard.Features.ControlPlans;
using GridGuard.Features.ControlPlans.Plans;
using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Features.Policies;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GridGuard.Bench;

/// <summary>
/// policy-diff (issue 4: "the policy-change diff over 50,000 open plans is shown in under 5 s"): the demo county (its
/// tree of ~1,400 grids and the demo accounts) plus N (default 50,000) synthetic persons, each with one Active Returnee/Medium control
/// plan under v1 of a copy of the shipped "2021-01 春节" rulebook (Home 14, tests on days 1 and 14), written as
/// PlanMapping writes them (plan, phases, tests; fixed seed, BulkCopy), and v2 of that copy with Returnee Medium at
/// Home 7, tests on days 1 and 7. Measured: GET /api/plans/policy-switch?to={v2}&amp;pageSize=100 over HTTP (TestServer) as
/// the county commander — the first call, then the median of 3 more. Baseline, same run, same data: the open plan ids,
/// then each plan loaded one by one (Include phases and tests, the person, the person's groups) and diffed with
/// <see cref="PolicyChange.Diff"/>, timed on a sample and scaled linearly to N. ratio = baseline / median.
/// </summary>
public static class PolicyDiffScenario
{
    public const string Name = "policy-diff";
    private const int Seed = 20_210_127;
    private const int BaselineSample = 2_000;
    private const int Repeats = 3;
    private const string PolicyName = "2021-01 春节 基准";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var n = options.Size ?? 50_000;
        using var database = BenchDatabase.Create(options);
        Console.WriteLine($"database: {database.Provider} {database.Name ?? "(sqlite file)"}; open plans: {n:N0}");
        await using var app = await BenchApp.SeedAsync(database, 1_000);
        var today = app.Services.GetRequiredService<CountyClock>().Today;
        var (v1, v2) = await PoliciesAsync(app);
        var seedClock = Stopwatch.StartNew();
        await SeedPlansAsync(app, v1, today, n);
        Console.WriteLine($"seeded {n:N0} persons and Active plans in {seedClock.Elapsed.TotalSeconds:F1} s ({Stats.LoadAverage()})");

        var client = await app.ClientAsync("county");
        var url = $"/api/plans/policy-switch?to={v2.PolicyId}&pageSize=100";
        var (first, firstBody) = await CallAsync(client, url);
        var times = new List<double>();
        for (var i = 0; i < Repeats; i++)
        {
            times.Add((await CallAsync(client, url)).Seconds);
        }

        var open = firstBody.GetProperty("openPlans").GetInt32();
        var changed = firstBody.GetProperty("changed").GetInt32();
        var rows = firstBody.GetProperty("rows").GetProperty("items").GetArrayLength();
        Console.WriteLine($"ours: openPlans={open:N0} changed={changed:N0} rows on page 1={rows}");
        Console.WriteLine(Inv($"ours: first call {first:F2} s; next {Repeats}: {string.Join(", ", times.Select(t => Inv($"{t:F2}")))} s; median {Stats.Median(times):F2} s"));
        if (open != n || changed != n || rows != 100)
        {
            Console.Error.WriteLine($"unexpected preview: {open} open, {changed} changed, {rows} rows (expected {n}, {n}, 100)");
            return 1;
        }

        var (idsSeconds, sample, loopSeconds, sampleChanged) = await BaselineAsync(app, v2, today, n);
        var baseline = idsSeconds + loopSeconds * n / sample;
        Console.WriteLine(Inv($"baseline: open plan ids {idsSeconds:F2} s; one by one over a sample of {sample:N0} plans {loopSeconds:F2} s ")
            + Inv($"({loopSeconds * 1000 / sample:F2} ms/plan, {sampleChanged:N0} changed) scaled linearly to {n:N0} = {loopSeconds * n / sample:F1} s; ")
            + Inv($"baseline total {baseline:F1} s (extrapolated, not measured over all {n:N0})"));
        Console.WriteLine($"done: {Stats.LoadAverage()}");
        Console.WriteLine(Stats.Result(Name, "time", Stats.Median(times), baseline, "s"));
        return 0;
    }

    private static string Inv(FormattableString s) => s.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<(double Seconds, JsonElement Body)> CallAsync(HttpClient client, string url)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}");
        }

        return (seconds, JsonDocument.Parse(bytes).RootElement.Clone());
    }

    /// <summary>v1: a copy of the shipped 春节 rulebook; v2: the same with Returnee Medium at Home 7, tests on days 1 and 7 (as PolicySwitchTests).</summary>
    private static async Task<(StoredRulebook V1, StoredRulebook V2)> PoliciesAsync(BenchApp app)
    {
        var shipped = ShippedRulebooks.LoadValid().Single(r => r.Name == "2021-01 春节");
        var rules = shipped.Rules.Select(r => r.Category == KeyPersonCategory.Returnee && r.Level == RiskLevel.Medium
            ? r with { Phases = [new PhaseRule(PhaseKind.HomeQuarantine, 7, 2, [1, 7])] }
            : r).ToList();
        var effective = shipped.EffectiveDate.AddDays(-1); // never in force for new plans: the shipped version is later
        var now = DateTime.UtcNow;
        var one = new Policy
        {
            Name = PolicyName,
            Version = 1,
            EffectiveOn = effective,
            CreatedAt = now,
            Rules = RulebookJson.Write(shipped with { Name = PolicyName, Version = 1, EffectiveDate = effective }),
        };
        var two = new Policy
        {
            Name = PolicyName,
            Version = 2,
            EffectiveOn = effective,
            CreatedAt = now,
            Rules = RulebookJson.Write(shipped with { Name = PolicyName, Version = 2, EffectiveDate = effective, Rules = rules }),
        };
        var book = await app.WithDbAsync(async db =>
        {
            db.Policies.AddRange(one, two);
            await db.SaveChangesAsync();
            return await PolicyBook.LoadAsync(db, CancellationToken.None);
        });
        return (book.Single(b => b.PolicyId == one.Id), book.Single(b => b.PolicyId == two.Id));
    }

    /// <summary>
    /// N persons over the county's grids (birth dates 1940–2015, a few declared groups), each with an Active Returnee
    /// Medium plan anchored 0–10 days ago, computed under v1 and stored as <see cref="PlanMapping.Apply"/> stores it.
    /// </summary>
    private static async Task SeedPlansAsync(BenchApp app, StoredRulebook v1, DateOnly today, int n)
    {
        var grids = await app.WithDbAsync(db => db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.Grid)
            .OrderBy(j => j.Code).Select(j => j.Id).ToListAsync());
        var random = new Random(Seed);
        var now = DateTime.UtcNow;
        const int Batch = 10_000;
        for (var start = 0; start < n; start += Batch)
        {
            var persons = new List<Person>(Batch);
            var groups = new List<PersonVulnerableGroup>();
            var plans = new List<ControlPlan>(Batch);
            var phases = new List<PlanPhase>(Batch);
            var tests = new List<PlanTest>(Batch * 2);
            for (var i = start; i < Math.Min(n, start + Batch); i++)
            {
                var grid = grids[random.Next(grids.Count)];
                var person = new Person
                {
                    Name = $"返乡{i:D6}",
                    Status = PersonStatus.Active,
                    JurisdictionId = grid,
                    Residency = Residency.Registered,
                    BirthDate = new DateOnly(1940, 1, 1).AddDays(random.Next(75 * 365)),
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                persons.Add(person);
                var declared = random.Next(30) switch
                {
                    0 => new[] { VulnerableGroup.Pregnant },
                    1 => [VulnerableGroup.ChronicDisease],
                    _ => [],
                };
                groups.AddRange(declared.Select(g => new PersonVulnerableGroup { PersonId = person.Id, Group = g }));
                var anchor = today.AddDays(-random.Next(0, 11));
                var registered = anchor.AddDays(random.Next(0, 3));
                registered = registered > today ? today : registered;
                var input = new PlanInput(KeyPersonCategory.Returnee, RiskLevel.Medium, anchor, registered,
                    [.. SpecialGroups.Of(declared, person.BirthDate, anchor)]);
                var computed = PlanCalculator.Compute(input, v1.Rulebook);
                var plan = new ControlPlan
                {
                    PersonId = person.Id,
                    JurisdictionId = grid,
                    Source = PlanSource.Manual,
                    Category = input.Category,
                    RiskLevel = input.RiskLevel,
                    Anchor = anchor,
                    RegisteredOn = registered,
                    PolicyId = v1.PolicyId,
                    PolicyName = computed.PolicyName,
                    PolicyVersion = computed.PolicyVersion,
                    RuleId = computed.RuleId,
                    ManualDecisionRequired = computed.ManualDecisionRequired,
                    ManualDecisionReason = computed.ManualDecisionReason,
                    Exception = computed.Exception is null ? PlanException.None : PlanException.Proposed,
                    OneOff = computed.OneOff,
                    EndsOn = computed.End,
                    Status = PlanStatus.Active,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                plans.Add(plan);
                phases.AddRange(computed.Phases.Select(p => new PlanPhase
                {
                    ControlPlanId = plan.Id,
                    Number = p.Number,
                    Kind = p.Kind,
                    RuleKind = p.RuleKind,
                    Start = p.Start,
                    End = p.End,
                    ChecksPerDay = p.ChecksPerDay,
                    DailyVisits = p.DailyVisits,
                    Elapsed = p.Elapsed,
                }));
                tests.AddRange(computed.Tests.Select(t => new PlanTest
                {
                    ControlPlanId = plan.Id,
                    Due = t.Due,
                    Within24hOf = t.Within24hOf,
                    Covers = string.Join(",", t.Covers.Select(PlanMapping.Cover)),
                }));
            }

            await app.WithDbAsync(async db =>
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                await BulkCopy.InsertAsync(db, persons);
                await BulkCopy.InsertAsync(db, groups);
                await BulkCopy.InsertAsync(db, plans);
                await BulkCopy.InsertAsync(db, phases);
                await BulkCopy.InsertAsync(db, tests);
                await tx.CommitAsync();
                return 0;
            });
        }
    }

    /// <summary>
    /// The naive diff: the ids of the open plans in the commander's scope (all N, timed), then for a fixed-seed sample
    /// each plan by itself with Include(Phases).Include(Tests) and its person, the person's groups, the input rebuilt
    /// as <c>OpenPlans</c> rebuilds it, and <see cref="PolicyChange.Diff"/> (timed, to be scaled to N).
    /// </summary>
    private static async Task<(double IdsSeconds, int Sample, double LoopSeconds, int Changed)> BaselineAsync(BenchApp app,
        StoredRulebook target, DateOnly today, int n)
    {
        var me = await app.WithDbAsync(async db =>
        {
            var id = await db.Users.Where(u => u.UserName == "county").Select(u => u.Id).SingleAsync();
            var user = new CurrentUser();
            user.Set(id, "county", "county", await CurrentUser.LoadGrantsAsync(db, id, CancellationToken.None));
            return user;
        });
        var clock = Stopwatch.StartNew();
        var ids = await app.WithDbAsync(db => db.ControlPlans.AsNoTracking().InScopeOf(me, PlanText.Staff)
            .Where(p => p.Status == PlanStatus.Proposed || p.Status == PlanStatus.Active).Select(p => p.Id).ToListAsync());
        var idsSeconds = clock.Elapsed.TotalSeconds;
        var random = new Random(Seed);
        var sample = ids.OrderBy(id => id).OrderBy(_ => random.Next()).Take(Math.Min(BaselineSample, ids.Count)).ToList();

        // Warm-up (JIT, EF's query cache) on a few plans outside the timing.
        await NaiveAsync(app, sample.Take(20), target, today);
        clock.Restart();
        var changed = await NaiveAsync(app, sample, target, today);
        var loop = clock.Elapsed.TotalSeconds;
        if (ids.Count != n)
        {
            throw new InvalidOperationException($"baseline found {ids.Count} open plans, expected {n}");
        }

        return (idsSeconds, sample.Count, loop, changed);
    }

    private static async Task<int> NaiveAsync(BenchApp app, IEnumerable<Guid> ids, StoredRulebook target, DateOnly today)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var changed = 0;
        foreach (var id in ids)
        {
            var p = await db.ControlPlans.AsNoTracking().Include(x => x.Person).Include(x => x.Phases).Include(x => x.Tests)
                .SingleAsync(x => x.Id == id);
            var declared = await db.PersonVulnerableGroups.AsNoTracking().Where(g => g.PersonId == p.PersonId).Select(g => g.Group)
                .ToListAsync();
            var groups = SpecialGroups.Of(declared, p.Person!.BirthDate, p.Anchor);
            var input = new PlanInput(p.Category, p.RiskLevel, p.Anchor, p.RegisteredOn, [.. groups], null,
                KeepCentralForSpecialGroup: p.Exception == PlanException.Overridden);
            var exception = p.Exception == PlanException.None
                ? null
                : new SpecialGroupException(SpecialGroups.Among(groups), p.Exception == PlanException.Overridden);
            var current = new ComputedPlan(input, p.PolicyName, p.PolicyVersion, p.RuleId, p.ManualDecisionRequired, p.ManualDecisionReason,
                exception, p.OneOff,
                [.. p.Phases.OrderBy(x => x.Number).Select(x =>
                    new PlannedPhase(x.Number, x.Kind, x.RuleKind, x.Start, x.End, x.ChecksPerDay, x.DailyVisits, x.Elapsed))],
                [.. p.Tests.OrderBy(x => x.Due).Select(x => new PlannedTest(x.Due, x.Within24hOf, []))]);
            if (PolicyChange.Diff(current, target.Rulebook, today).Changed)
            {
                changed++;
            }
        }

        return changed;
    }
}
