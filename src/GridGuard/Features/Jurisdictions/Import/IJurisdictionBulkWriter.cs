using GridGuard.Platform.Data;

namespace GridGuard.Features.Jurisdictions.Import;

/// <summary>
/// One node as the importer writes it: every column it owns, resolved and validated. <see cref="IsNew"/> says
/// that the plan found no node with this code (a writer may copy such rows straight in).
/// </summary>
public readonly record struct JurisdictionWrite(
    bool IsNew,
    Guid Id,
    string Code,
    string Name,
    JurisdictionLevel Level,
    Guid? ParentId,
    string Path,
    int Depth,
    Settlement? Settlement);

/// <summary>
/// The hot path of the division import (STYLE.md rule 2): writes many nodes at once with provider-specific SQL.
/// Rows are upserted by <c>Code</c>: a new code is inserted (with <c>CreatedAt</c> = <c>UpdatedAt</c> = now,
/// active, no boundary); an existing one keeps its Id, CreatedAt, IsActive and Boundary and gets every other
/// column from the row. Runs inside the context's current transaction, which the caller owns.
/// Rows must come parents first. Values are bound exactly as EF stores them, so EF reads them back unchanged.
/// </summary>
public interface IJurisdictionBulkWriter
{
    Task UpsertAsync(AppDbContext db, IReadOnlyList<JurisdictionWrite> rows, DateTime now, CancellationToken ct);
}
