using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GridGuard.Bench;

/// <summary>
/// directory-search: the demo county with N synthetic persons (default 1,000,000); as the county commander, over HTTP
/// (TestServer), 30 queries of each of ten kinds after a warm-up: persons by name prefix (surname and first given
/// character), ID number and phone (GET /api/persons?q=); households by head's name, a member's ID number and phone
/// (GET /api/households?q=); the persons of a village and of the county, first page and a deep page (the <c>after</c>
/// cursor of a person half-way through the list, i.e. what following <c>next</c> reaches).
/// Baseline, same run, query by query: the same queries through EF with the same scope filter, order and projection,
/// but with OFFSET paging (Skip) for the lists and a non-indexed LIKE '%x%' (Contains) for the searches, without HTTP.
/// Metric: p95 latency in ms over all queries; ratio = baseline p95 / ours.
/// </summary>
public static class DirectorySearchScenario
{
    public const string Name = "directory-search";
    private const int PerKind = 30;
    private const int Seed = 20_221_124;

    private sealed record Query(string Kind, string Url, Func<AppDbContext, CurrentUser, Task<int>> Baseline);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var size = options.Size ?? 1_000_000;
        using var database = BenchDatabase.Create(options);
        await using var app = await BenchApp.SeedAsync(database, size);
        var client = await app.ClientAsync("county");
        var queries = await QueriesAsync(app);
        var grants = await app.WithDbAsync(async db =>
        {
            var id = await db.Users.Where(u => u.UserName == "county").Select(u => u.Id).SingleAsync();
            return (id, await CurrentUser.LoadGrantsAsync(db, id, CancellationToken.None));
        });

        // Warm-up: each kind a few times both ways (JIT, EF query cache, the database's own caches).
        foreach (var q in queries.GroupBy(q => q.Kind).SelectMany(g => g.Take(3)))
        {
            await OursAsync(client, q);
            await BaselineAsync(app, grants, q);
        }

        Console.WriteLine($"queries: {queries.Count} ({Stats.LoadAverage()})");
        var ours = new List<(string Kind, double Ms)>();
        var baseline = new List<(string Kind, double Ms)>();
        foreach (var q in queries)
        {
            ours.Add((q.Kind, await OursAsync(client, q)));
            baseline.Add((q.Kind, await BaselineAsync(app, grants, q)));
        }

        Console.WriteLine($"{"kind",-18} {"p50 ms",9} {"p95 ms",9} {"base p50",9} {"base p95",9}");
        foreach (var kind in queries.Select(q => q.Kind).Distinct())
        {
            var o = ours.Where(x => x.Kind == kind).Select(x => x.Ms).ToList();
            var b = baseline.Where(x => x.Kind == kind).Select(x => x.Ms).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{kind,-18} {Stats.Median(o),9:F1} {Stats.Percentile(o, 95),9:F1} {Stats.Median(b),9:F1} {Stats.Percentile(b, 95),9:F1}"));
        }

        var p95 = Stats.Percentile(ours.Select(x => x.Ms).ToList(), 95);
        var basep95 = Stats.Percentile(baseline.Select(x => x.Ms).ToList(), 95);
        Console.WriteLine($"done: {Stats.LoadAverage()}");
        Console.WriteLine(Stats.Result(Name, "p95", p95, basep95, "ms"));
        return 0;
    }

    private static async Task<double> OursAsync(HttpClient client, Query q)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(q.Url);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> BaselineAsync(BenchApp app, (Guid Id, IReadOnlyList<RoleGrant> Grants) user, Query q)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var me = new CurrentUser();
        me.Set(user.Id, "county", "county", user.Grants);
        var clock = Stopwatch.StartNew();
        await q.Baseline(db, me);
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>Ten kinds × 30, from persons, villages and cursors picked by a fixed seed; shuffled so kinds interleave.</summary>
    private static async Task<List<Query>> QueriesAsync(BenchApp app)
    {
        var random = new Random(Seed);
        var (ids, villages) = await app.WithDbAsync(async db => (
            await db.Persons.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(),
            await db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.Village).OrderBy(j => j.Code)
                .Select(j => new { j.Id, j.Path }).ToListAsync()));
        var picked = Enumerable.Range(0, PerKind * 2).Select(_ => ids[random.Next(ids.Count)]).ToArray();
        var people = await app.WithDbAsync(db => db.Persons.AsNoTracking().Where(p => picked.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.IdNumber, p.Phone }).ToListAsync());
        var phones = people.Where(p => p.Phone is not null).Select(p => p.Phone!).Take(PerKind).ToList();
        var list = new List<Query>();
        foreach (var p in people.Take(PerKind))
        {
            var prefix = p.Name[..Math.Min(2, p.Name.Length)];
            list.Add(new("persons name", Url("/api/persons", ("q", prefix)), (db, me) => Persons(db, me, x => x.Name.Contains(prefix), 0)));
            list.Add(new("persons id", Url("/api/persons", ("q", p.IdNumber!)), (db, me) => Persons(db, me, x => x.IdNumber!.Contains(p.IdNumber!), 0)));
            list.Add(new("households name", Url("/api/households", ("q", prefix)),
                (db, me) => Households(db, me, h => (h.Address != null && h.Address.Contains(prefix)) || (h.Head != null && h.Head.Name.Contains(prefix)))));
            list.Add(new("households id", Url("/api/households", ("q", p.IdNumber!)),
                (db, me) => Households(db, me, h => db.Persons.Where(x => x.IdNumber!.Contains(p.IdNumber!) && x.HouseholdId != null).Select(x => x.HouseholdId!.Value).Contains(h.Id))));
        }

        foreach (var phone in phones)
        {
            list.Add(new("persons phone", Url("/api/persons", ("q", phone)), (db, me) => Persons(db, me, x => x.Phone!.Contains(phone), 0)));
            list.Add(new("households phone", Url("/api/households", ("q", phone)),
                (db, me) => Households(db, me, h => db.Persons.Where(x => x.Phone!.Contains(phone) && x.HouseholdId != null).Select(x => x.HouseholdId!.Value).Contains(h.Id))));
        }

        for (var i = 0; i < PerKind; i++)
        {
            var village = villages[random.Next(villages.Count)];
            var members = await app.WithDbAsync(db => db.Persons.AsNoTracking().Where(p => p.Jurisdiction!.Path.StartsWith(village.Path))
                .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync());
            var middle = members.Count / 2;
            var id = village.Id.ToString();
            list.Add(new("village first", Url("/api/persons", ("jurisdictionId", id)), (db, me) => Persons(db, me, x => x.Jurisdiction!.Path.StartsWith(village.Path), 0)));
            if (members.Count > 0)
            {
                list.Add(new("village deep", Url("/api/persons", ("jurisdictionId", id), ("after", members[middle].ToString())),
                    (db, me) => Persons(db, me, x => x.Jurisdiction!.Path.StartsWith(village.Path), middle + 1)));
            }

            var deep = random.Next(ids.Count / 4, ids.Count * 3 / 4);
            list.Add(new("county first", "/api/persons", (db, me) => Persons(db, me, x => true, 0)));
            list.Add(new("county deep", Url("/api/persons", ("after", ids[deep].ToString())), (db, me) => Persons(db, me, x => true, deep + 1)));
        }

        return list.OrderBy(_ => random.Next()).ToList();
    }

    private static string Url(string path, params (string Name, string Value)[] query) =>
        path + "?" + string.Join("&", query.Select(q => q.Name + "=" + Uri.EscapeDataString(q.Value)));

    /// <summary>The persons handler's query with OFFSET paging and the given filter (no keyset, no index-friendly match).</summary>
    private static async Task<int> Persons(AppDbContext db, CurrentUser me, System.Linq.Expressions.Expression<Func<Person, bool>> filter, int skip)
    {
        var rows = await db.Persons.AsNoTracking().InScopeOf(me).Where(filter)
            .OrderBy(p => p.Id).Skip(skip).Take(DirectoryQuery.DefaultLimit + 1)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.IdType,
                p.IdNumber,
                p.Sex,
                p.BirthDate,
                p.Phone,
                p.HouseholdId,
                Address = p.Household != null ? p.Household.Address : null,
                p.JurisdictionId,
                JurisdictionName = p.Jurisdiction!.Name,
                p.Status,
            })
            .ToListAsync();
        return rows.Count;
    }

    private static async Task<int> Households(AppDbContext db, CurrentUser me, System.Linq.Expressions.Expression<Func<Household, bool>> filter)
    {
        var rows = await db.Households.AsNoTracking().InScopeOf(me).Where(filter)
            .OrderBy(h => h.Id).Take(DirectoryQuery.DefaultLimit + 1)
            .Select(h => new
            {
                h.Id,
                h.JurisdictionId,
                JurisdictionName = h.Jurisdiction!.Name,
                h.Address,
                h.HeadId,
                HeadName = h.Head != null ? h.Head.Name : null,
                MemberCount = db.Persons.Count(p => p.HouseholdId == h.Id),
                StewardName = h.Steward != null ? h.Steward.DisplayName : null,
            })
            .ToListAsync();
        return rows.Count;
    }
}
