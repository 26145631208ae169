using Microsoft.EntityFrameworkCore;
using C = GridGuard.Features.Households.Import.ImportColumns;

namespace GridGuard.Features.Households.Import;

/// <summary>
/// Matching a chunk's rows to the registry, so that uploading again never duplicates: households by grid + address +
/// unit + room, persons by identity number (in memory on a first load, <see cref="ImportWriteSession.KnownNumbers"/>),
/// else by (existing household, name) among persons without a number.
/// </summary>
public sealed partial class HouseholdImporter
{
    /// <summary>Finds each household's registry twin by grid + address + unit + room (the oldest if several).</summary>
    private async Task MatchHouseholdsAsync(List<PlannedHousehold> households, CancellationToken ct)
    {
        var byKey = new Dictionary<(Guid, string), Guid>();
        var grids = households.Select(h => h.GridId).Distinct().ToArray();
        if (grids.Length > 0)
        {
            var existing = await db.Households.AsNoTracking()
                .Where(h => EF.Parameter(grids).Contains(h.JurisdictionId))
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
    private async Task MatchPersonsAsync(List<Target> targets, ImportWriteSession session, CancellationToken ct)
    {
        var byNumber = session.KnownNumbers ?? await NumbersAsync(targets, ct);
        var byName = new Dictionary<(Guid, string), Guid>();
        var existing = targets.Where(t => t.Household.Exists).Select(t => t.Household.Id).Distinct().ToArray();
        if (existing.Length > 0)
        {
            var found = await db.Persons.AsNoTracking()
                .Where(p => p.IdNumber == null && p.HouseholdId != null && EF.Parameter(existing).Contains(p.HouseholdId.Value))
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

    /// <summary>The registry persons with the targets' identity numbers, by number.</summary>
    private async Task<Dictionary<(IdType, string), Guid>> NumbersAsync(List<Target> targets, CancellationToken ct)
    {
        var byNumber = new Dictionary<(IdType, string), Guid>();
        foreach (var type in targets.Where(t => t.Row.IdNumber is not null).GroupBy(t => t.Row.IdType))
        {
            // One parameter for the whole list (a JSON array on SQLite, an array on PostgreSQL), on the unique index.
            var numbers = type.Select(t => t.Row.IdNumber!).Distinct().ToArray();
            var found = await db.Persons.AsNoTracking()
                .Where(p => p.IdType == type.Key && EF.Parameter(numbers).Contains(p.IdNumber!))
                .Select(p => new { p.Id, p.IdType, p.IdNumber })
                .ToListAsync(ct);
            foreach (var p in found)
            {
                byNumber[(p.IdType, p.IdNumber!)] = p.Id;
            }
        }

        return byNumber;
    }
}
