using System.Text.Json;
using GridGuard.Features.Households;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Canvassing.Coverage;

/// <summary>A node under the roll-up's root, with the counts of its own records.</summary>
public sealed record NodeTally(Guid Id, string Path, Tally Tally);

/// <summary>
/// The per-node coverage counts of a subtree, read from <see cref="NodeCoverage"/> rows; only nodes whose records changed
/// since they were counted, whose current canvass changed, or that were counted on another day are counted again
/// (ADR 13). A roll-up of a county of a million persons reads its ~2,000 rows instead of counting the million.
/// </summary>
public static class NodeTallies
{
    private const int WholeSubtreeFrom = 100;

    public static async Task<List<NodeTally>> LoadAsync(AppDbContext db, string prefix, DateOnly today,
        IReadOnlyList<ActiveCanvass> active, CancellationToken ct)
    {
        var read = await ReadRowsAsync(db, prefix, ct);
        if (read.Any(r => r.Row is null))
        {
            await EnsureRowsAsync(db, prefix, ct); // only when a node has none: reads do not write otherwise
            read = await ReadRowsAsync(db, prefix, ct);
        }

        // A node added after EnsureRows has no row and no records yet.
        var rows = read.Where(r => r.Row is not null).Select(r => (r.Path, Row: r.Row!)).ToList();
        var canvassOf = rows.ToDictionary(r => r.Row.JurisdictionId, r => Canvasses.CurrentFor(active, r.Path)?.Id);
        var stale = rows
            .Where(r => r.Row.ComputedAt != r.Row.Changes || r.Row.ComputedFor != today || r.Row.CanvassId != canvassOf[r.Row.JurisdictionId])
            .ToList();
        Dictionary<Guid, Tally> counted = [];
        if (stale.Count > 0)
        {
            var ids = stale.Select(r => r.Row.JurisdictionId).ToList();
            // Most of the subtree changed (a new day, an import): count it whole through the path, which is cheaper
            // than looking up hundreds of nodes one by one.
            var whole = stale.Count > WholeSubtreeFrom && stale.Count * 2 > rows.Count;
            counted = whole
                ? await CoverageRollup.ByNodeAsync(db, CoverageRollup.NodesUnder(db, prefix), ids, today, canvassOf, ct)
                : await CoverageRollup.ByNodeAsync(db, CoverageRollup.NodesIn(db, ids), ids, today,
                    ids.ToDictionary(id => id, id => canvassOf[id]), ct);
            await StoreAsync(db, stale.Select(r => (r.Row.JurisdictionId, r.Row.Changes)), counted, today, canvassOf, ct);
        }

        return rows.Select(r => new NodeTally(r.Row.JurisdictionId, r.Path,
                counted.TryGetValue(r.Row.JurisdictionId, out var fresh) ? fresh : FromRow(r.Row)))
            .ToList();
    }

    private sealed record Read(string Path, NodeCoverage? Row);

    private static Task<List<Read>> ReadRowsAsync(AppDbContext db, string prefix, CancellationToken ct) => (
            from j in db.Jurisdictions.AsNoTracking()
            where j.Path.StartsWith(prefix)
            join n in db.NodeCoverages.AsNoTracking() on j.Id equals n.JurisdictionId into rows
            from n in rows.DefaultIfEmpty()
            select new Read(j.Path, n))
        .ToListAsync(ct);

    /// <summary>A row for every node under the prefix, as never counted where there was none (new nodes, old databases).</summary>
    private static Task<int> EnsureRowsAsync(AppDbContext db, string prefix, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "NodeCoverages" ("JurisdictionId", "Changes", "ComputedAt", "Households", "Persons",
                "HouseholdsWithoutSteward", "HouseholdsWithoutAddress", "PersonsWithoutHousehold", "HouseholdsUnvisited",
                "KeyPersons", "KeyPersonsByCategory", "VulnerableGroups")
            SELECT j."Id", 1, 0, 0, 0, 0, 0, 0, 0, 0, '{{}}', '{{}}' FROM "Jurisdictions" j
            WHERE j."Path" LIKE {0} AND NOT EXISTS (SELECT 1 FROM "NodeCoverages" n WHERE n."JurisdictionId" = j."Id")
            ON CONFLICT ("JurisdictionId") DO NOTHING
            """, [prefix + "%"], ct);

    /// <summary>
    /// Writes the counts with the <c>Changes</c> each row had before counting: a write that committed meanwhile has raised
    /// it, so that node is counted again next time. <c>Changes</c> itself is never written here.
    /// </summary>
    private static async Task StoreAsync(AppDbContext db, IEnumerable<(Guid Id, long Changes)> stale, Dictionary<Guid, Tally> counted,
        DateOnly today, Dictionary<Guid, Guid?> canvassOf, CancellationToken ct)
    {
        var tracked = new List<NodeCoverage>();
        foreach (var (id, changes) in stale)
        {
            var t = counted[id];
            var row = new NodeCoverage { JurisdictionId = id };
            db.NodeCoverages.Attach(row);
            row.ComputedAt = changes;
            row.ComputedFor = today;
            row.CanvassId = canvassOf[id];
            row.Households = t.Households;
            row.Persons = t.Persons;
            row.HouseholdsWithoutSteward = t.HouseholdsWithoutSteward;
            row.HouseholdsWithoutAddress = t.HouseholdsWithoutAddress;
            row.PersonsWithoutHousehold = t.PersonsWithoutHousehold;
            row.HouseholdsUnvisited = t.HouseholdsUnvisited;
            row.KeyPersons = t.KeyPersons;
            row.KeyPersonsByCategory = JsonSerializer.Serialize(t.KeyPersonsByCategory);
            row.VulnerableGroups = JsonSerializer.Serialize(t.VulnerableGroups);
            var entry = db.Entry(row);
            foreach (var p in entry.Properties.Where(p => p.Metadata.Name is not (nameof(NodeCoverage.JurisdictionId) or nameof(NodeCoverage.Changes))))
            {
                p.IsModified = true;
            }

            tracked.Add(row);
        }

        try
        {
            await db.SaveChangesWithoutAuditAsync(ct);
        }
        finally
        {
            foreach (var row in tracked)
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }

    private static Tally FromRow(NodeCoverage row)
    {
        var t = new Tally
        {
            Households = row.Households,
            Persons = row.Persons,
            HouseholdsWithoutSteward = row.HouseholdsWithoutSteward,
            HouseholdsWithoutAddress = row.HouseholdsWithoutAddress,
            PersonsWithoutHousehold = row.PersonsWithoutHousehold,
            HouseholdsUnvisited = row.HouseholdsUnvisited,
            KeyPersons = row.KeyPersons,
        };
        if (row.Households + row.Persons + row.KeyPersons == 0)
        {
            return t; // most nodes above the grids hold no records of their own
        }

        foreach (var (k, v) in JsonSerializer.Deserialize<Dictionary<KeyPersonCategory, int>>(row.KeyPersonsByCategory) ?? [])
        {
            t.KeyPersonsByCategory[k] = v;
        }

        foreach (var (k, v) in JsonSerializer.Deserialize<Dictionary<VulnerableGroup, int>>(row.VulnerableGroups) ?? [])
        {
            t.VulnerableGroups[k] = v;
        }

        return t;
    }
}
