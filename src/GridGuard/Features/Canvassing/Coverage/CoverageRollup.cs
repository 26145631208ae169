using GridGuard.Features.Households;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Canvassing.Coverage;

/// <summary>The counts of one node of the tree (its own records, or a whole subtree once rolled up).</summary>
public sealed class Tally
{
    public int Households { get; set; }

    public int Persons { get; set; }

    public int HouseholdsWithoutSteward { get; set; }

    public int HouseholdsWithoutAddress { get; set; }

    public int PersonsWithoutHousehold { get; set; }

    public int HouseholdsUnvisited { get; set; }

    public int KeyPersons { get; set; }

    public Dictionary<KeyPersonCategory, int> KeyPersonsByCategory { get; } = [];

    public Dictionary<VulnerableGroup, int> VulnerableGroups { get; } = [];

    public void Add(Tally other)
    {
        Households += other.Households;
        Persons += other.Persons;
        HouseholdsWithoutSteward += other.HouseholdsWithoutSteward;
        HouseholdsWithoutAddress += other.HouseholdsWithoutAddress;
        PersonsWithoutHousehold += other.PersonsWithoutHousehold;
        HouseholdsUnvisited += other.HouseholdsUnvisited;
        KeyPersons += other.KeyPersons;
        foreach (var (k, v) in other.KeyPersonsByCategory)
        {
            KeyPersonsByCategory[k] = KeyPersonsByCategory.GetValueOrDefault(k) + v;
        }

        foreach (var (k, v) in other.VulnerableGroups)
        {
            VulnerableGroups[k] = VulnerableGroups.GetValueOrDefault(k) + v;
        }
    }
}

/// <summary>
/// The coverage counts of a set of nodes as a handful of set-based grouped queries: records are filtered by their
/// indexed node id (IN the list) and grouped by it, so the database returns one row per node that has records:
/// households, active persons (with derived age groups by birth-date cut-offs), recorded vulnerable groups, open
/// key-person flags, and one "not visited" query per current canvass. <see cref="NodeTallies"/> keeps the results per
/// node and asks only for nodes whose records changed.
/// </summary>
public static class CoverageRollup
{
    /// <summary>The ids of the nodes under a path prefix, as a subquery: records are then filtered by their indexed node id.</summary>
    public static IQueryable<Guid> NodesUnder(AppDbContext db, string prefix) =>
        db.Jurisdictions.Where(j => j.Path.StartsWith(prefix)).Select(j => j.Id);

    /// <summary>The nodes <paramref name="ids"/>, as a subquery (one array/json parameter, not one parameter per id).</summary>
    public static IQueryable<Guid> NodesIn(AppDbContext db, IReadOnlyCollection<Guid> ids)
    {
        var list = ids.ToList();
        return db.Jurisdictions.Where(j => EF.Parameter(list).Contains(j.Id)).Select(j => j.Id);
    }

    /// <summary>
    /// Counts of the nodes <paramref name="nodes"/> (<see cref="NodesIn"/> or <see cref="NodesUnder"/>), each of its own
    /// records, with a (zero) tally for each of <paramref name="ids"/> at least; the "not visited" count of a node is
    /// relative to its current canvass in <paramref name="canvassOf"/> (no count where it has none).
    /// </summary>
    public static async Task<Dictionary<Guid, Tally>> ByNodeAsync(AppDbContext db, IQueryable<Guid> nodes, IReadOnlyCollection<Guid> ids,
        DateOnly today, IReadOnlyDictionary<Guid, Guid?> canvassOf, CancellationToken ct)
    {
        var byNode = ids.ToDictionary(id => id, _ => new Tally());
        Tally At(Guid id) => byNode.TryGetValue(id, out var t) ? t : byNode[id] = new Tally();

        var households = await db.Households.AsNoTracking()
            .Where(h => nodes.Contains(h.JurisdictionId))
            .GroupBy(h => h.JurisdictionId)
            .Select(g => new
            {
                Id = g.Key,
                Total = g.Count(),
                NoSteward = g.Count(h => h.StewardId == null),
                NoAddress = g.Count(h => h.Address == null || h.Address == ""),
            })
            .ToListAsync(ct);
        foreach (var r in households)
        {
            var t = At(r.Id);
            t.Households = r.Total;
            t.HouseholdsWithoutSteward = r.NoSteward;
            t.HouseholdsWithoutAddress = r.NoAddress;
        }

        var (c80, c60, c3, c15) = (AgeCutoffs.BornOnOrBefore(80, today), AgeCutoffs.BornOnOrBefore(60, today),
            AgeCutoffs.BornOnOrBefore(3, today), AgeCutoffs.BornOnOrBefore(15, today));
        var persons = await db.Persons.AsNoTracking()
            .Where(p => p.Status == PersonStatus.Active && nodes.Contains(p.JurisdictionId))
            .GroupBy(p => p.JurisdictionId)
            .Select(g => new
            {
                Id = g.Key,
                Total = g.Count(),
                Homeless = g.Count(p => p.HouseholdId == null),
                Elderly80 = g.Count(p => p.BirthDate <= c80),
                Elderly60 = g.Count(p => p.BirthDate <= c60),
                Infant = g.Count(p => p.BirthDate > c3),
                Child14 = g.Count(p => p.BirthDate > c15),
            })
            .ToListAsync(ct);
        foreach (var r in persons)
        {
            var t = At(r.Id);
            t.Persons = r.Total;
            t.PersonsWithoutHousehold = r.Homeless;
            Put(t.VulnerableGroups, VulnerableGroup.Elderly80, r.Elderly80);
            Put(t.VulnerableGroups, VulnerableGroup.Elderly60, r.Elderly60);
            Put(t.VulnerableGroups, VulnerableGroup.Infant, r.Infant);
            Put(t.VulnerableGroups, VulnerableGroup.Child14, r.Child14);
        }

        var derived = VulnerableGroups.Derived.ToList();
        var groups = await (
                from g in db.PersonVulnerableGroups.AsNoTracking()
                join p in db.Persons on g.PersonId equals p.Id
                where p.Status == PersonStatus.Active && nodes.Contains(p.JurisdictionId) && !derived.Contains(g.Group)
                group g by new { p.JurisdictionId, g.Group } into x
                select new { Id = x.Key.JurisdictionId, x.Key.Group, Count = x.Count() })
            .ToListAsync(ct);
        foreach (var r in groups)
        {
            Put(At(r.Id).VulnerableGroups, r.Group, r.Count);
        }

        var open = db.KeyPersonFlags.AsNoTracking()
            .Where(f => f.Status != FlagStatus.Cleared && nodes.Contains(f.JurisdictionId));
        var flags = await open
            .GroupBy(f => new { f.JurisdictionId, f.Category })
            .Select(g => new { Id = g.Key.JurisdictionId, g.Key.Category, Count = g.Select(f => f.PersonId).Distinct().Count() })
            .ToListAsync(ct);
        foreach (var r in flags)
        {
            Put(At(r.Id).KeyPersonsByCategory, r.Category, r.Count);
        }

        var keyPersons = await open
            .GroupBy(f => f.JurisdictionId)
            .Select(g => new { Id = g.Key, Count = g.Select(f => f.PersonId).Distinct().Count() })
            .ToListAsync(ct);
        foreach (var r in keyPersons)
        {
            At(r.Id).KeyPersons = r.Count;
        }

        foreach (var canvass in canvassOf.Where(c => c.Value is not null).GroupBy(c => c.Value!.Value))
        {
            var canvassId = canvass.Key;
            var covered = canvass.Select(c => c.Key).ToList();
            var unvisited = await db.Households.AsNoTracking()
                .Where(h => EF.Parameter(covered).Contains(h.JurisdictionId))
                .Where(h => !db.HouseholdVisits.Any(v => v.HouseholdId == h.Id && v.CanvassId == canvassId))
                .GroupBy(h => h.JurisdictionId)
                .Select(g => new { Id = g.Key, Count = g.Count() })
                .ToListAsync(ct);
            foreach (var r in unvisited)
            {
                At(r.Id).HouseholdsUnvisited = r.Count;
            }
        }

        return byNode;
    }

    /// <summary>
    /// Households under <paramref name="prefix"/> that have no visit in their current canvass, as one query per running
    /// canvass: canvass k covers its root's subtree minus the subtrees of later (higher-precedence) canvasses.
    /// <paramref name="active"/> is ordered by precedence, the latest first. <paramref name="households"/> is the base
    /// query (e.g. already limited to the user's scope).
    /// </summary>
    public static IEnumerable<IQueryable<Household>> UnvisitedParts(AppDbContext db, IQueryable<Household> households, string prefix,
        IReadOnlyList<ActiveCanvass> active)
    {
        for (var i = 0; i < active.Count; i++)
        {
            var canvassId = active[i].Id;
            var own = active[i].RootPath;
            if (!own.StartsWith(prefix, StringComparison.Ordinal) && !prefix.StartsWith(own, StringComparison.Ordinal))
            {
                continue; // rooted in another branch
            }

            var root = own.Length > prefix.Length ? own : prefix;

            var later = active.Take(i).Select(c => c.RootPath).ToList();
            if (later.Any(l => root.StartsWith(l, StringComparison.Ordinal)))
            {
                continue; // a later canvass covers all of this one's part of the subtree
            }

            var nodes = db.Jurisdictions.Where(j => j.Path.StartsWith(root));
            foreach (var inner in later.Where(l => l.StartsWith(root, StringComparison.Ordinal)))
            {
                nodes = nodes.Where(j => !j.Path.StartsWith(inner));
            }

            var ids = nodes.Select(j => j.Id);
            yield return households.Where(h => ids.Contains(h.JurisdictionId)).Where(h => !db.HouseholdVisits.Any(v => v.HouseholdId == h.Id && v.CanvassId == canvassId));
        }
    }

    private static void Put<TKey>(Dictionary<TKey, int> counts, TKey key, int value)
        where TKey : notnull
    {
        if (value > 0)
        {
            counts[key] = counts.GetValueOrDefault(key) + value;
        }
    }
}

/// <summary>Birth-date cut-offs that match <see cref="VulnerableGroups.Age"/> exactly, so SQL and the pure rule agree.</summary>
public static class AgeCutoffs
{
    /// <summary>The latest birth date of someone who is at least <paramref name="years"/> old on <paramref name="today"/>.</summary>
    public static DateOnly BornOnOrBefore(int years, DateOnly today)
    {
        var d = today.AddYears(-years);
        while (VulnerableGroups.Age(d.AddDays(1), today) >= years)
        {
            d = d.AddDays(1);
        }

        while (VulnerableGroups.Age(d, today) < years)
        {
            d = d.AddDays(-1);
        }

        return d;
    }
}
