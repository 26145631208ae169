using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Households.Import;

/// <summary>
/// The write phases of one chunk, in order inside the upload's transaction: new households with their new persons
/// and heads (household → head and person → household point at each other), changes to existing rows, the new
/// persons' stays and groups, and the heads of existing households.
/// New rows are bulk-inserted with <see cref="BulkCopy"/> (no change tracking, no per-row audit). Changes to existing
/// rows go through EF in batches of <see cref="Batch"/>, audited, clearing the change tracker between batches.
/// </summary>
public sealed partial class HouseholdImporter
{
    private async Task UpdateHouseholdsAsync(List<PlannedHousehold> existing, DateTime now, ImportTally counts, CancellationToken ct)
    {
        foreach (var chunk in existing.Chunk(Batch))
        {
            var ids = chunk.Select(h => h.Id).ToArray();
            var tracked = await db.Households.Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, ct);
            foreach (var h in chunk)
            {
                var entity = tracked[h.Id];
                var changed = Set(entity.IsRental, h.IsRental, v => entity.IsRental = v)
                    | Set(entity.LandlordName, h.LandlordName, v => entity.LandlordName = v)
                    | Set(entity.LandlordPhone, h.LandlordPhone, v => entity.LandlordPhone = v);
                if (changed)
                {
                    entity.UpdatedAt = now;
                    counts.HouseholdsUpdated.Add(h.Id);
                }
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Updates matched persons (audited): fields given in the file, recorded groups, and household moves.</summary>
    private async Task UpdatePersonsAsync(List<Target> matched, DateOnly today, DateTime now, ImportTally counts, CancellationToken ct)
    {
        foreach (var chunk in matched.Chunk(Batch))
        {
            var ids = chunk.Select(t => t.PersonId!.Value).ToArray();
            var persons = await db.Persons.Include(p => p.VulnerableGroups)
                .Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            var memberships = (await db.HouseholdMemberships.Where(m => ids.Contains(m.PersonId) && m.To == null).ToListAsync(ct))
                .ToLookup(m => m.PersonId);
            var moved = new Dictionary<Guid, Guid>();
            foreach (var t in chunk)
            {
                var p = persons[t.PersonId!.Value];
                if (Apply(p, t, memberships[p.Id].ToList(), today, moved))
                {
                    p.UpdatedAt = now;
                    counts.PersonsUpdated++;
                }
                else
                {
                    counts.PersonsUnchanged++;
                }
            }

            // A head who moved out no longer heads the household they left.
            var movedIds = moved.Keys.ToArray();
            foreach (var left in await db.Households.Where(h => h.HeadId != null && movedIds.Contains(h.HeadId.Value)).ToListAsync(ct))
            {
                if (moved[left.HeadId!.Value] != left.Id)
                {
                    left.HeadId = null;
                    left.UpdatedAt = now;
                    counts.HouseholdsUpdated.Add(left.Id);
                }
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    private bool Apply(Person p, Target t, List<HouseholdMembership> current, DateOnly today, Dictionary<Guid, Guid> moved)
    {
        var row = t.Row;
        var changed = Set(p.Name, row.Name, v => p.Name = v);
        if (row.IdNumber is not null && (p.IdNumber != row.IdNumber || p.IdType != row.IdType))
        {
            (p.IdType, p.IdNumber) = (row.IdType, row.IdNumber);
            changed = true;
        }

        changed |= Set(p.BirthDate, row.BirthDate, v => p.BirthDate = v)
            | Set(p.Sex, row.Sex, v => p.Sex = v)
            | Set(p.Phone, row.Phone, v => p.Phone = v)
            | Set(p.Residency, row.Residency, v => p.Residency = v)
            | Set(p.Workplace, row.Workplace, v => p.Workplace = v);

        if (row.Groups is { } groups)
        {
            foreach (var g in p.VulnerableGroups.Where(g => !groups.Contains(g.Group)).ToList())
            {
                p.VulnerableGroups.Remove(g);
                changed = true;
            }

            foreach (var g in groups.Where(g => p.VulnerableGroups.All(x => x.Group != g)))
            {
                p.VulnerableGroups.Add(new PersonVulnerableGroup { PersonId = p.Id, Group = g });
                changed = true;
            }
        }

        var household = t.Household;
        if (p.HouseholdId != household.Id || current.All(m => m.HouseholdId != household.Id))
        {
            // Moved (or never had a membership here): close what is open and open a stay in the new household.
            foreach (var m in current)
            {
                m.To = today;
            }

            db.HouseholdMemberships.Add(new HouseholdMembership
            {
                PersonId = p.Id,
                HouseholdId = household.Id,
                Relation = row.Relation,
                From = today,
            });
            p.HouseholdId = household.Id;
            moved[p.Id] = household.Id;
            changed = true;
        }
        else if (row.Relation is not null && current.First(m => m.HouseholdId == household.Id) is { } stay && stay.Relation != row.Relation)
        {
            stay.Relation = row.Relation;
            changed = true;
        }

        changed |= Set(p.JurisdictionId, (Guid?)household.GridId, v => p.JurisdictionId = v);
        return changed;
    }

    /// <summary>
    /// The chunk's new households (each with its 户主 as head) and new persons, in one go
    /// (<see cref="ImportWriteSession.InsertNewAsync"/>); gives each new person's row its id.
    /// </summary>
    private static async Task InsertNewAsync(List<PlannedHousehold> created, List<Target> newPersons, List<Target> heads, DateTime now,
        ImportTally counts, ImportWriteSession session, CancellationToken ct)
    {
        var persons = new List<Person>(newPersons.Count);
        foreach (var t in newPersons)
        {
            var row = t.Row;
            var person = new Person
            {
                Name = row.Name!,
                IdType = row.IdType,
                IdNumber = row.IdNumber,
                BirthDate = row.BirthDate,
                Sex = row.Sex,
                Phone = row.Phone,
                Residency = row.Residency ?? Residency.Registered,
                Workplace = row.Workplace,
                Status = PersonStatus.Active,
                HouseholdId = t.Household.Id,
                JurisdictionId = t.Household.GridId,
                CreatedAt = now,
                UpdatedAt = now,
            };
            t.PersonId = person.Id;
            persons.Add(person);
        }

        var headOf = heads.Where(t => !t.Household.Exists).ToDictionary(t => t.Household.Id, t => t.PersonId!.Value);
        var households = created.Select(h => new Household
        {
            Id = h.Id,
            JurisdictionId = h.GridId,
            Address = h.Address,
            Unit = h.Unit,
            Room = h.Room,
            HeadId = headOf.TryGetValue(h.Id, out var head) ? head : null,
            IsRental = h.IsRental ?? false,
            LandlordName = h.LandlordName,
            LandlordPhone = h.LandlordPhone,
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();
        await session.InsertNewAsync(households, persons, ct);
        counts.HouseholdsCreated += households.Count;
        counts.PersonsCreated += persons.Count;
    }

    /// <summary>The stays and recorded groups of the chunk's new persons (after <see cref="InsertNewAsync"/>).</summary>
    private async Task InsertStaysAsync(List<Target> created, DateOnly today, CancellationToken ct)
    {
        var stays = new List<HouseholdMembership>(created.Count);
        var groups = new List<PersonVulnerableGroup>();
        foreach (var t in created)
        {
            var id = t.PersonId!.Value;
            stays.Add(new HouseholdMembership { PersonId = id, HouseholdId = t.Household.Id, Relation = t.Row.Relation, From = today });
            groups.AddRange((t.Row.Groups ?? []).Select(g => new PersonVulnerableGroup { PersonId = id, Group = g }));
        }

        await BulkCopy.InsertAsync(db, stays, ct);
        await BulkCopy.InsertAsync(db, groups, ct);
    }

    /// <summary>Points existing households at their 户主 row's person through EF, audited (new ones got theirs on insert).</summary>
    private async Task SetHeadsAsync(List<Target> heads, DateTime now, ImportTally counts, CancellationToken ct)
    {
        foreach (var chunk in heads.Where(t => t.Household.Exists).Chunk(Batch))
        {
            var ids = chunk.Select(t => t.Household.Id).ToArray();
            var tracked = await db.Households.Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, ct);
            foreach (var t in chunk)
            {
                var h = tracked[t.Household.Id];
                if (h.HeadId != t.PersonId)
                {
                    h.HeadId = t.PersonId;
                    h.UpdatedAt = now;
                    counts.HouseholdsUpdated.Add(h.Id);
                }
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Sets a value the file gives (non-null) when it differs; true when it did.</summary>
    private static bool Set<T>(T? current, T? given, Action<T> set)
        where T : class
    {
        if (given is null || EqualityComparer<T>.Default.Equals(current, given))
        {
            return false;
        }

        set(given);
        return true;
    }

    private static bool Set<T>(T? current, T? given, Action<T> set)
        where T : struct
    {
        if (given is not { } value || EqualityComparer<T?>.Default.Equals(current, value))
        {
            return false;
        }

        set(value);
        return true;
    }
}
