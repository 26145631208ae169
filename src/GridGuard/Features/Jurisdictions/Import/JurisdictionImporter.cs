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
        var existing = await db.Jurisdictions.AsNoTracking()
            .Select(j => new ExistingNode(j.Id, j.Code, j.Name, j.Level, j.ParentId, j.Path, j.Settlement))
            .ToDictionaryAsync(j => j.Code, StringComparer.Ordinal, ct);
        var loaded = clock.Elapsed;

        var plan = ImportPlan.Build(rows, existing, scope);
        existing = null;
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
            + "(+{Descendants} descendants); load {Load} ms, plan {Plan} ms, write {Write} ms",
            source, rows.Count, report.Inserted, report.Updated, report.Unchanged, report.Moved, report.MovedDescendants,
            (long)loaded.TotalMilliseconds, (long)(planned - loaded).TotalMilliseconds,
            (long)(clock.Elapsed - planned).TotalMilliseconds);
        return report;
    }
}
