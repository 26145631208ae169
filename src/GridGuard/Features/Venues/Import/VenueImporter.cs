using GridGuard.Features.Households.Import;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using C = GridGuard.Features.Venues.Import.VenueColumns;

namespace GridGuard.Features.Venues.Import;

/// <summary>
/// Writes the good rows of a venue list, in one transaction, following the household import's rules (ADR 7):
/// <list type="bullet">
/// <item>Grids must exist, be active grids, and lie where the user holds a registry-editor role; otherwise the row is
/// reported (an unknown code and one outside scope get the same message, so nothing leaks).</item>
/// <item>A venue is identified by grid + name: a match is updated (empty optional cells leave its values), never
/// duplicated; two rows of one file naming the same venue are an error on the later row.</item>
/// <item>New venues are written without per-row audit lines (one summary line per upload); changes to existing venues
/// go through the audit interceptor field by field.</item>
/// </list>
/// </summary>
public sealed class VenueImporter(AppDbContext db, AuditLog audit, CountyClock clock, CurrentUser me)
{
    public const int Batch = 1000;

    private sealed record Grid(Guid Id, string Path);

    public async Task<ListImportReport> ImportAsync(string fileName, IReadOnlyList<VenueImportRow> rows, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var grids = await ResolveGridsAsync(rows, ct);
        var good = new List<(VenueImportRow Row, Grid Grid)>();
        var seen = new Dictionary<(Guid, string), int>();
        foreach (var row in rows.Where(r => r.IsGood))
        {
            var grid = grids[row.GridCode!];
            if (!seen.TryAdd((grid.Id, row.Name!), row.Row))
            {
                row.Fail(C.Name, $"场所名称：与第 {seen[(grid.Id, row.Name!)]} 行是同一网格的同一场所，请合并为一行");
                continue;
            }

            good.Add((row, grid));
        }

        var (created, updated, unchanged) = (0, 0, 0);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var chunk in good.Chunk(Batch))
            {
                var ids = chunk.Select(g => g.Grid.Id).Distinct().ToList();
                var names = chunk.Select(g => g.Row.Name!).Distinct().ToList();
                var existing = (await db.Venues
                        .Where(v => ids.Contains(v.JurisdictionId) && names.Contains(v.Name))
                        .OrderBy(v => v.CreatedAt).ThenBy(v => v.Id)
                        .ToListAsync(ct))
                    .GroupBy(v => (v.JurisdictionId, v.Name))
                    .ToDictionary(g => g.Key, g => g.First());
                var added = new List<Venue>();
                foreach (var (row, grid) in chunk)
                {
                    if (existing.TryGetValue((grid.Id, row.Name!), out var venue))
                    {
                        if (Apply(venue, row))
                        {
                            venue.UpdatedAt = now;
                            updated++;
                        }
                        else
                        {
                            unchanged++;
                        }
                    }
                    else
                    {
                        added.Add(new Venue
                        {
                            Name = row.Name!,
                            Kind = row.Kind!.Value,
                            JurisdictionId = grid.Id,
                            Address = row.Address,
                            ResponsibleName = row.ResponsibleName!,
                            ResponsiblePhone = row.Phone,
                            NonLocalStaff = row.NonLocalStaff ?? 0,
                            IsActive = true,
                            CreatedAt = now,
                            UpdatedAt = now,
                        });
                    }
                }

                await db.SaveChangesAsync(ct); // the updates, audited field by field
                db.Venues.AddRange(added);
                await db.SaveChangesWithoutAuditAsync(ct);
                db.ChangeTracker.Clear();
                created += added.Count;
            }

            audit.Bulk(nameof(Venue), "Import", new
            {
                file = fileName,
                rows = rows.Count,
                imported = good.Count,
                created,
                updated,
                unchanged,
                rejected = rows.Count(r => !r.IsGood),
            }, await HouseholdImporter.CommonAncestorAsync(db, good.Select(g => g.Grid.Path).Distinct().ToList(), ct));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        var errors = rows.SelectMany(r => r.Errors.Select(e => e with { Name = r.Name }))
            .OrderBy(e => e.Row)
            .ThenBy(e => C.All.FirstOrDefault(c => c.Name == e.Column)?.Index ?? -1)
            .ToList();
        return new ListImportReport(fileName, rows.Count, good.Count, rows.Count(r => !r.IsGood), created, updated,
            unchanged, RowRange.Of(good.Select(g => g.Row.Row)), errors.Count, errors.Take(ListImportReport.MaxErrors).ToList());
    }

    /// <summary>Sets what the row gives (non-null) where it differs; true when anything changed.</summary>
    private static bool Apply(Venue venue, VenueImportRow row)
    {
        var changed = false;
        if (venue.Kind != row.Kind!.Value)
        {
            venue.Kind = row.Kind.Value;
            changed = true;
        }

        if (venue.ResponsibleName != row.ResponsibleName)
        {
            venue.ResponsibleName = row.ResponsibleName!;
            changed = true;
        }

        if (row.Address is not null && venue.Address != row.Address)
        {
            venue.Address = row.Address;
            changed = true;
        }

        if (row.Phone is not null && venue.ResponsiblePhone != row.Phone)
        {
            venue.ResponsiblePhone = row.Phone;
            changed = true;
        }

        if (row.NonLocalStaff is { } staff && venue.NonLocalStaff != staff)
        {
            venue.NonLocalStaff = staff;
            changed = true;
        }

        return changed;
    }

    /// <summary>Checks each row's grid code against the tree and the user's roles; rows with a bad grid get an error.</summary>
    private async Task<Dictionary<string, Grid>> ResolveGridsAsync(IReadOnlyList<VenueImportRow> rows, CancellationToken ct)
    {
        var codes = rows.Where(r => r.GridCode is not null).Select(r => r.GridCode!).Distinct().ToList();
        var found = new Dictionary<string, (Guid Id, string Path, JurisdictionLevel Level, bool IsActive)>(StringComparer.Ordinal);
        foreach (var chunk in codes.Chunk(Batch))
        {
            foreach (var j in await db.Jurisdictions.AsNoTracking()
                .Where(j => chunk.Contains(j.Code))
                .Select(j => new { j.Id, j.Code, j.Path, j.Level, j.IsActive })
                .ToListAsync(ct))
            {
                found[j.Code] = (j.Id, j.Path, j.Level, j.IsActive);
            }
        }

        var grids = new Dictionary<string, Grid>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.GridCode is not null))
        {
            var code = row.GridCode!;
            if (!found.TryGetValue(code, out var grid) || !me.Sees(grid.Path))
            {
                row.Fail(C.GridCode, $"网格代码：“{code}”不存在或不在您的管辖范围内");
            }
            else if (grid.Level != JurisdictionLevel.Grid)
            {
                row.Fail(C.GridCode, $"网格代码：“{code}”是{grid.Level.Label()}，请填写其下网格的代码");
            }
            else if (!grid.IsActive)
            {
                row.Fail(C.GridCode, $"网格代码：网格“{code}”已停用");
            }
            else if (!me.HoldsAt(grid.Path, RoleNames.RegistryEditors))
            {
                row.Fail(C.GridCode, $"网格代码：您在网格“{code}”没有登记重点场所的权限");
            }
            else
            {
                grids[code] = new Grid(grid.Id, grid.Path);
            }
        }

        return grids;
    }
}
