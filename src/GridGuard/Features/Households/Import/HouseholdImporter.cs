using GridGuard.Features.Jurisdictions;
using GridGuard.Platform;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using C = GridGuard.Features.Households.Import.ImportColumns;

namespace GridGuard.Features.Households.Import;

/// <summary>
/// Writes the good rows of a household list into the registry, in one transaction, through EF in batches.
/// <list type="bullet">
/// <item>Grids must exist, be grids, and lie where the user holds a registry-editor role (ancestor-or-self).</item>
/// <item>Households are matched by grid + address + unit + room; persons by (IdType, IdNumber), else by
/// (household, name) among persons without a number. A match is updated, never duplicated; a person whose
/// household changes gets the old membership closed today and a new one opened.</item>
/// <item>Empty optional cells leave what the registry has; a filled 特殊群体 cell is the person's full list.</item>
/// <item>New rows are written without per-row audit lines (one summary line per upload); changes to existing
/// persons and households go through the audit interceptor field by field.</item>
/// </list>
/// Re-running the same file finds everything already there and changes nothing.
/// </summary>
public sealed partial class HouseholdImporter(AppDbContext db, AuditLog audit, CountyClock clock, CurrentUser me)
{
    public const int Batch = 1000;

    private sealed record Target(ImportRow Row, PlannedHousehold Household)
    {
        public Guid? PersonId { get; set; }
    }

    public async Task<HouseholdImportReport> ImportAsync(string fileName, IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        var today = clock.Today;
        var now = clock.UtcNow;
        var plan = ImportPlan.Build(rows);
        var gridPaths = await ResolveGridsAsync(plan, ct);
        plan.Seal();

        var households = plan.Households.Where(h => !h.IsBad && h.Rows.Any(r => r.IsGood)).ToList();
        await MatchHouseholdsAsync(households, ct);
        var targets = households.SelectMany(h => h.Rows.Where(r => r.IsGood).Select(r => new Target(r, h))).ToList();
        await MatchPersonsAsync(targets, ct);
        targets.RemoveAll(t => !t.Row.IsGood);

        var counts = new Counts();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var inUse = targets.Select(t => t.Household).Distinct().ToList();
            await InsertHouseholdsAsync(inUse.Where(h => !h.Exists).ToList(), now, counts, ct);
            await UpdateHouseholdsAsync(inUse.Where(h => h.Exists).ToList(), now, counts, ct);
            await UpdatePersonsAsync(targets.Where(t => t.PersonId is not null).ToList(), today, now, counts, ct);
            await InsertPersonsAsync(targets.Where(t => t.PersonId is null).ToList(), today, now, counts, ct);
            await SetHeadsAsync(targets.Where(t => t.Row.IsHead).ToList(), now, counts, ct);

            audit.Bulk(nameof(Person), "Import", new
            {
                file = fileName,
                rows = rows.Count,
                imported = targets.Count,
                personsCreated = counts.PersonsCreated,
                personsUpdated = counts.PersonsUpdated,
                householdsCreated = counts.HouseholdsCreated,
                householdsUpdated = counts.HouseholdsUpdated.Count,
                rejected = rows.Count(r => !r.IsGood),
            }, await CommonAncestorAsync(db, gridPaths, ct));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        var errors = rows.SelectMany(r => r.Errors.Select(e => e with { Name = r.Name }))
            .OrderBy(e => e.Row)
            .ThenBy(e => C.All.FirstOrDefault(c => c.Name == e.Column)?.Index ?? -1)
            .ToList();
        return new HouseholdImportReport(
            fileName, rows.Count, targets.Count, rows.Count(r => !r.IsGood),
            counts.PersonsCreated, counts.PersonsUpdated, counts.PersonsUnchanged,
            counts.HouseholdsCreated, counts.HouseholdsUpdated.Count,
            RowRange.Of(targets.Select(t => t.Row.Row)),
            errors.Count, errors.Take(HouseholdImportReport.MaxErrors).ToList());
    }

    private sealed class Counts
    {
        public int PersonsCreated { get; set; }

        public int PersonsUpdated { get; set; }

        public int PersonsUnchanged { get; set; }

        public int HouseholdsCreated { get; set; }

        public HashSet<Guid> HouseholdsUpdated { get; } = [];
    }

    /// <summary>Checks each household's grid code against the tree and the user's roles; returns the grids' paths.</summary>
    private async Task<List<string>> ResolveGridsAsync(ImportPlan plan, CancellationToken ct)
    {
        var codes = plan.Households.Where(h => h.GridCode is not null).Select(h => h.GridCode!).Distinct().ToList();
        var grids = new Dictionary<string, (Guid Id, string Path, JurisdictionLevel Level, bool IsActive)>(StringComparer.Ordinal);
        foreach (var chunk in codes.Chunk(Batch))
        {
            var found = await db.Jurisdictions.AsNoTracking()
                .Where(j => chunk.Contains(j.Code))
                .Select(j => new { j.Id, j.Code, j.Path, j.Level, j.IsActive })
                .ToListAsync(ct);
            foreach (var j in found)
            {
                grids[j.Code] = (j.Id, j.Path, j.Level, j.IsActive);
            }
        }

        var addresses = new Dictionary<(Guid, string), PlannedHousehold>();
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in plan.Households.Where(h => h.GridCode is not null))
        {
            if (!grids.TryGetValue(h.GridCode!, out var grid) || !me.Sees(grid.Path))
            {
                h.Problems.Add((C.GridCode, $"网格代码：“{h.GridCode}”不存在或不在您的管辖范围内"));
            }
            else if (grid.Level != JurisdictionLevel.Grid)
            {
                h.Problems.Add((C.GridCode, $"网格代码：“{h.GridCode}”是{grid.Level.Label()}，请填写其下网格的代码"));
            }
            else if (!grid.IsActive)
            {
                h.Problems.Add((C.GridCode, $"网格代码：网格“{h.GridCode}”已停用"));
            }
            else if (!me.HoldsAt(grid.Path, RoleNames.RegistryEditors))
            {
                h.Problems.Add((C.GridCode, $"网格代码：您在网格“{h.GridCode}”没有登记人员的权限"));
            }
            else
            {
                (h.GridId, h.GridPath) = (grid.Id, grid.Path);
                if (!h.IsBad && h.Address is not null)
                {
                    if (addresses.TryGetValue((grid.Id, h.AddressKey), out var same))
                    {
                        h.Problems.Add((C.Address,
                            $"门牌地址：与户编号“{same.Key}”（第 {same.FirstRow} 行）是同一网格的同一地址，同一户请使用同一个户编号"));
                    }
                    else
                    {
                        addresses[(grid.Id, h.AddressKey)] = h;
                        paths.Add(grid.Path);
                    }
                }
            }
        }

        return paths.ToList();
    }

    /// <summary>Finds each household's registry twin by grid + address + unit + room (the oldest if several).</summary>
    private async Task MatchHouseholdsAsync(List<PlannedHousehold> households, CancellationToken ct)
    {
        var byKey = new Dictionary<(Guid, string), Guid>();
        foreach (var chunk in households.Select(h => h.GridId).Distinct().Chunk(Batch))
        {
            var existing = await db.Households.AsNoTracking()
                .Where(h => chunk.Contains(h.JurisdictionId))
                .OrderBy(h => h.CreatedAt).ThenBy(h => h.Id)
                .Select(h => new { h.Id, h.JurisdictionId, h.Address, h.Unit, h.Room })
                .ToListAsync(ct);
            foreach (var e in existing)
            {
                byKey.TryAdd((e.JurisdictionId, ImportRowRules.AddressKey(e.Address, e.Unit, e.Room)), e.Id);
            }
        }

        foreach (var h in households)
        {
            h.Exists = byKey.TryGetValue((h.GridId, h.AddressKey), out var id);
            h.Id = h.Exists ? id : Guid.CreateVersion7();
        }
    }

    /// <summary>Matches rows to registry persons: by identity number, else by (existing household, name) without a number.</summary>
    private async Task MatchPersonsAsync(List<Target> targets, CancellationToken ct)
    {
        var byNumber = new Dictionary<(IdType, string), Guid>();
        foreach (var chunk in targets.Where(t => t.Row.IdNumber is not null).Select(t => t.Row.IdNumber!).Distinct().Chunk(Batch))
        {
            var found = await db.Persons.AsNoTracking()
                .Where(p => p.IdNumber != null && chunk.Contains(p.IdNumber))
                .Select(p => new { p.Id, p.IdType, p.IdNumber })
                .ToListAsync(ct);
            foreach (var p in found)
            {
                byNumber[(p.IdType, p.IdNumber!)] = p.Id;
            }
        }

        var byName = new Dictionary<(Guid, string), Guid>();
        foreach (var chunk in targets.Where(t => t.Household.Exists).Select(t => t.Household.Id).Distinct().Chunk(Batch))
        {
            var found = await db.Persons.AsNoTracking()
                .Where(p => p.IdNumber == null && p.HouseholdId != null && chunk.Contains(p.HouseholdId.Value))
                .OrderBy(p => p.Id)
                .Select(p => new { p.Id, p.HouseholdId, p.Name })
                .ToListAsync(ct);
            foreach (var p in found)
            {
                byName.TryAdd((p.HouseholdId!.Value, p.Name), p.Id);
            }
        }

        var matched = new Dictionary<Guid, int>();
        foreach (var t in targets)
        {
            Guid? id = t.Row.IdNumber is { } n && byNumber.TryGetValue((t.Row.IdType, n), out var p) ? p
                : t.Household.Exists && byName.TryGetValue((t.Household.Id, t.Row.Name!), out var q) ? q
                : null;
            if (id is { } found && !matched.TryAdd(found, t.Row.Row))
            {
                t.Row.Fail(C.Name, $"姓名：与第 {matched[found]} 行对应的是登记簿中的同一人员，请核对证件号码");
                continue;
            }

            t.PersonId = id;
        }
    }

    /// <summary>The deepest node above all <paramref name="paths"/> (where an upload's summary audit line is filed).</summary>
    public static async Task<Guid?> CommonAncestorAsync(AppDbContext db, IReadOnlyList<string> paths, CancellationToken ct)
    {
        if (paths.Count == 0)
        {
            return null;
        }

        var common = paths.Select(p => p.Split('/', StringSplitOptions.RemoveEmptyEntries))
            .Aggregate((a, b) => a.Zip(b).TakeWhile(x => x.First == x.Second).Select(x => x.First).ToArray());
        if (common.Length == 0)
        {
            return null;
        }

        var code = common[^1];
        return await db.Jurisdictions.Where(j => j.Code == code).Select(j => (Guid?)j.Id).FirstOrDefaultAsync(ct);
    }
}
