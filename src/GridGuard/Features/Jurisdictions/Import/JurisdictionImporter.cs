using GridGuard.Platform.Audit;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Jurisdictions.Import;

/// <summary>
/// Imports one file's rows into the tree: validates every row against the file and the database,
/// then writes all of them in one transaction, or none when any row is bad. Re-running updates by code,
/// so an import is safe to repeat; a node whose parent changed is moved with its subtree.
/// </summary>
public sealed class JurisdictionImporter(AppDbContext db, AuditLog audit, TimeProvider time)
{
    private sealed record Existing(Guid Id, string Code, string Name, JurisdictionLevel Level, Guid? ParentId, string Path, Settlement? Settlement);

    private sealed record Planned(DivisionRow Row, Guid Id, Guid? ParentId, string Path, int Depth, Settlement? Settlement, Existing? Before);

    public async Task<ImportReport> ImportAsync(string source, IReadOnlyList<DivisionRow> rows, CancellationToken ct = default)
    {
        var existing = await db.Jurisdictions.AsNoTracking()
            .Select(j => new Existing(j.Id, j.Code, j.Name, j.Level, j.ParentId, j.Path, j.Settlement))
            .ToDictionaryAsync(j => j.Code, StringComparer.Ordinal, ct);

        var (plan, errors) = Plan(rows, existing);
        if (errors.Count > 0)
        {
            return ImportReport.Failed(source, rows.Count, errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        int inserted = 0, updated = 0, unchanged = 0, moved = 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // Moves first: rewrite the paths of descendants that this file does not mention.
        foreach (var p in plan.Where(p => p.Before is not null && p.Before.Path != p.Path))
        {
            moved++;
            var oldPath = p.Before!.Path;
            var depthDelta = p.Depth - (oldPath.Count(c => c == '/') - 2);
            await db.Jurisdictions
                .Where(j => j.Path.StartsWith(oldPath) && j.Path != oldPath)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Path, j => p.Path + j.Path.Substring(oldPath.Length))
                    .SetProperty(j => j.Depth, j => j.Depth + depthDelta)
                    .SetProperty(j => j.UpdatedAt, now), ct);
        }

        var toInsert = new List<Jurisdiction>();
        foreach (var p in plan)
        {
            if (p.Before is null)
            {
                inserted++;
                toInsert.Add(new Jurisdiction
                {
                    Id = p.Id,
                    Code = p.Row.Code,
                    Name = p.Row.Name,
                    Level = p.Row.Level,
                    ParentId = p.ParentId,
                    Path = p.Path,
                    Depth = p.Depth,
                    Settlement = p.Settlement,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
            }
            else if (p.Before.Name != p.Row.Name || p.Before.ParentId != p.ParentId || p.Before.Path != p.Path
                     || p.Before.Level != p.Row.Level)
            {
                updated++;
                await db.Jurisdictions.Where(j => j.Id == p.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Name, p.Row.Name)
                    .SetProperty(j => j.Level, p.Row.Level)
                    .SetProperty(j => j.ParentId, p.ParentId)
                    .SetProperty(j => j.Path, p.Path)
                    .SetProperty(j => j.Depth, p.Depth)
                    .SetProperty(j => j.UpdatedAt, now), ct);
            }
            else
            {
                unchanged++;
            }
        }

        foreach (var chunk in toInsert.Chunk(2000))
        {
            db.Jurisdictions.AddRange(chunk);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            // Individual lines for thousands of imported nodes would drown the log: one summary line instead.
            await db.SaveChangesWithoutAuditAsync(ct);
            db.ChangeTracker.Clear();
        }

        audit.Bulk(nameof(Jurisdiction), "Import", new { source, rows = rows.Count, inserted, updated, unchanged, moved }, null);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ImportReport(source, rows.Count, inserted, updated, unchanged, moved, []);
    }

    /// <summary>Resolves parents and paths for every row, in file order, and collects every bad row.</summary>
    private static (List<Planned> Plan, List<ImportError> Errors) Plan(
        IReadOnlyList<DivisionRow> rows, Dictionary<string, Existing> existing)
    {
        var errors = new List<ImportError>();
        var plan = new List<Planned>(rows.Count);
        var inFile = new Dictionary<string, Planned>(StringComparer.Ordinal);

        // Parents may come later in the file than their children: resolve shallow codes first.
        foreach (var row in rows.OrderBy(r => r.Code.Length).ThenBy(r => r.Line))
        {
            if (string.IsNullOrWhiteSpace(row.Name))
            {
                errors.Add(new ImportError(row.Line, "name", "名称不能为空"));
                continue;
            }

            if (row.Name.Length > Jurisdiction.NameMaxLength)
            {
                errors.Add(new ImportError(row.Line, "name", $"名称超过 {Jurisdiction.NameMaxLength} 个字"));
                continue;
            }

            if (inFile.TryGetValue(row.Code, out var first))
            {
                errors.Add(new ImportError(row.Line, "code", $"代码“{row.Code}”与第 {first.Row.Line} 行重复"));
                continue;
            }

            Guid? parentId = null;
            string? parentPath = null;
            JurisdictionLevel? parentLevel = null;
            Settlement? parentSettlement = null;
            var parentCode = string.IsNullOrWhiteSpace(row.ParentCode) ? null : row.ParentCode.Trim();
            if (parentCode is not null)
            {
                if (inFile.TryGetValue(parentCode, out var p))
                {
                    (parentId, parentPath, parentLevel, parentSettlement) = (p.Id, p.Path, p.Row.Level, p.Settlement);
                }
                else if (existing.TryGetValue(parentCode, out var e))
                {
                    (parentId, parentPath, parentLevel, parentSettlement) = (e.Id, e.Path, e.Level, e.Settlement);
                }
                else if (NeedsParent(row.Level))
                {
                    errors.Add(new ImportError(row.Line, "parentCode", $"上级代码“{parentCode}”不存在"));
                    continue;
                }
                else
                {
                    parentCode = null; // a national node whose ancestors are not imported becomes a root
                }
            }
            else if (NeedsParent(row.Level))
            {
                errors.Add(new ImportError(row.Line, "parentCode", "缺少上级代码"));
                continue;
            }

            if (DivisionRules.CheckCode(row.Code, row.Level, parentCode, parentLevel) is { } reason)
            {
                errors.Add(new ImportError(row.Line, "code", reason));
                continue;
            }

            existing.TryGetValue(row.Code, out var before);
            var path = Jurisdiction.ChildPath(parentPath, row.Code);
            var settlement = before?.Settlement ?? row.Settlement
                ?? (row.Level == JurisdictionLevel.Village ? DivisionRules.SettlementOf(row.Name) : parentSettlement);
            var planned = new Planned(row, before?.Id ?? Guid.CreateVersion7(), parentId, path,
                path.Count(c => c == '/') - 2, settlement, before);
            inFile[row.Code] = planned;
            plan.Add(planned);
        }

        errors.Sort((a, b) => a.Line.CompareTo(b.Line));
        return (plan, errors);
    }

    /// <summary>Own levels always hang under a node we know; national levels may start a tree.</summary>
    private static bool NeedsParent(JurisdictionLevel level) =>
        level is JurisdictionLevel.Compound or JurisdictionLevel.Building or JurisdictionLevel.Grid;
}
