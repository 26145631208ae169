using System.Diagnostics;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Jurisdictions.Import;

/// <summary>
/// Imports one file's rows into the tree: validates every row against the file and the database
/// (<see cref="ImportPlan"/>), then writes all of them in one transaction, or none when any row is bad.
/// Re-running updates by code, so an import is safe to repeat; a node whose parent changed is moved with its
/// subtree. The write goes through the provider's <see cref="IJurisdictionBulkWriter"/>, audited by one Bulk line.
/// </summary>
public sealed class JurisdictionImporter(AppDbContext db, IJurisdictionBulkWriter writer, AuditLog audit,
    TimeProvider time, ILogger<JurisdictionImporter> log)
{
    public Task<ImportReport> ImportAsync(string source, IReadOnlyList<DivisionRow> rows, CancellationToken ct = default) =>
        ImportAsync(source, rows, null, ct);

    /// <summary>Imports with the caller's <paramref name="scope"/> (null: unrestricted, for the CLI and the seed).</summary>
    public async Task<ImportReport> ImportAsync(string source, IReadOnlyList<DivisionRow> rows, ImportScope? scope,
        CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var existing = await LoadRelevantAsync(rows, ct);
        var plan = ImportPlan.Build(rows, existing, scope);
        if (plan.Errors.Count == 0 && plan.MovedFrom.Count > 0)
        {
            // Moved nodes carry their subtrees: plan again, knowing every node below the old places.
            await LoadSubtreesAsync(existing, plan.MovedFrom, ct);
            plan = ImportPlan.Build(rows, existing, scope);
        }

        existing = null; // the write needs only the plan: let the collector have the existing nodes
        if (plan.Errors.Count > 0)
        {
            log.LogInformation("Import of {Source} refused: {Errors} bad rows of {Rows}", source, plan.Errors.Count, rows.Count);
            return ImportReport.Failed(source, rows.Count, plan.Errors);
        }

        var planned = clock.Elapsed;
        var now = time.GetUtcNow().UtcDateTime;
        var report = new ImportReport(source, rows.Count, plan.Inserted, plan.Updated, plan.Unchanged, plan.Moved, [])
        {
            MovedDescendants = plan.MovedDescendants,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await writer.UpsertAsync(db, plan.Writes, now, ct);
        var top = plan.CommonPath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        var topId = top is null ? (Guid?)null
            : plan.Writes.Where(w => w.Code == top).Select(w => (Guid?)w.Id).FirstOrDefault()
              ?? await db.Jurisdictions.Where(j => j.Code == top).Select(j => (Guid?)j.Id).FirstOrDefaultAsync(ct);

        // Individual lines for thousands of imported nodes would drown the log: one summary line instead.
        audit.Bulk(nameof(Jurisdiction), "Import", new
        {
            source,
            rows = rows.Count,
            inserted = report.Inserted,
            updated = report.Updated,
            unchanged = report.Unchanged,
            moved = report.Moved,
            movedDescendants = report.MovedDescendants,
        }, topId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        log.LogInformation(
            "Imported {Source}: {Rows} rows, {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Moved} moved "
            + "(+{Descendants} descendants); read and plan {Plan} ms, write {Write} ms",
            source, rows.Count, report.Inserted, report.Updated, report.Unchanged, report.Moved, report.MovedDescendants,
            (long)planned.TotalMilliseconds, (long)(clock.Elapsed - planned).TotalMilliseconds);
        return report;
    }

    /// <summary>
    /// The existing nodes the plan may need: those whose code has the length of a code or parent code in the file
    /// and starts with what all of those share (a whole file of villages needs the villages and townships; one
    /// county's file needs only that county's nodes).
    /// </summary>
    private async Task<Dictionary<string, ExistingNode>> LoadRelevantAsync(IReadOnlyList<DivisionRow> rows, CancellationToken ct)
    {
        var lengths = new HashSet<int>();
        string? prefix = null;
        foreach (var code in rows.SelectMany(r => r.ParentCode is { } p ? new[] { r.Code, p.Trim() } : [r.Code]))
        {
            lengths.Add(code.Length);
            prefix = prefix is null ? code : prefix[..CommonLength(prefix, code)];
        }

        if (lengths.Count == 0)
        {
            return new Dictionary<string, ExistingNode>(StringComparer.Ordinal);
        }

        var query = db.Jurisdictions.AsNoTracking().Where(j => lengths.Contains(j.Code.Length));
        if (!string.IsNullOrEmpty(prefix))
        {
            query = query.Where(j => j.Code.StartsWith(prefix));
        }

        return await query.Select(Project).ToDictionaryAsync(j => j.Code, StringComparer.Ordinal, ct);
    }

    /// <summary>Adds every node below the given paths; for many moves at once, the whole tree.</summary>
    private async Task LoadSubtreesAsync(Dictionary<string, ExistingNode> existing, List<string> paths, CancellationToken ct)
    {
        var subtrees = paths.Count <= 100
            ? paths.Select(p => db.Jurisdictions.AsNoTracking().Where(j => j.Path.StartsWith(p))).Aggregate(Queryable.Concat)
            : db.Jurisdictions.AsNoTracking();
        await foreach (var node in subtrees.Select(Project).AsAsyncEnumerable().WithCancellation(ct))
        {
            existing.TryAdd(node.Code, node);
        }
    }

    private static readonly System.Linq.Expressions.Expression<Func<Jurisdiction, ExistingNode>> Project = j =>
        new ExistingNode(j.Id, j.Code, j.Name, j.Level, j.ParentId, j.Path, j.Settlement);

    private static int CommonLength(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }

        return n;
    }
}
