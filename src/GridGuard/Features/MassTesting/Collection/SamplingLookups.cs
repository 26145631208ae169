using GridGuard.Features.Households;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Collection;

/// <summary>
/// What the rules of <see cref="SamplingIngest"/> need from the database for a whole batch, read with a handful of
/// set-based look-ups: rounds, sites, earlier samplings by client id, tubes (tracked: the batch fills them), persons,
/// round members, who must have a single tube, and earlier samplings of unregistered ID numbers.
/// <para><see cref="SamplingWriter"/> reads a batch while the batch before it is still being written (ADR 10, "Update
/// (session 10)"). <see cref="RefreshAsync"/> then reads again, after that write committed, exactly the keys it touched —
/// tubes, members, client ids and unregistered ID numbers — so the rules never see a state older than the last commit.</para>
/// </summary>
internal sealed class SamplingLookups
{
    private SamplingLookups(Dictionary<Scan, IdCheck> checkedIds, Dictionary<Scan, Guid> codes)
    {
        CheckedIds = checkedIds;
        Codes = codes;
    }

    public Dictionary<Guid, RoundInfo> Rounds { get; private set; } = [];

    public Dictionary<Guid, SiteInfo> Sites { get; private set; } = [];

    /// <summary>Each ID-number scan's check (shape and checksum), made before any query.</summary>
    public Dictionary<Scan, IdCheck> CheckedIds { get; }

    /// <summary>Each person-code scan's person id, when the code parses.</summary>
    public Dictionary<Scan, Guid> Codes { get; }

    /// <summary>Answers for client ids written before: resending them changes nothing.</summary>
    public Dictionary<Guid, ScanResult> Earlier { get; } = [];

    public Dictionary<string, Tube> Tubes { get; private set; } = [];

    public Dictionary<Guid, PersonInfo> ById { get; private set; } = [];

    public Dictionary<string, PersonInfo> ByNumber { get; private set; } = [];

    /// <summary>The round members among the batch's persons (not tracked; the writer updates them set-based).</summary>
    public Dictionary<(Guid RoundId, Guid PersonId), RoundMember> Members { get; } = [];

    /// <summary>Why a person must have a single tube, for the persons whose scans may land in a pooled tube.</summary>
    public Dictionary<Guid, List<PoolingRules.SingleTubeReason>> SingleOnly { get; private set; } = [];

    /// <summary>Per round and unregistered ID number: samplings before this batch.</summary>
    public Dictionary<(Guid RoundId, string IdNumber), int> UnregisteredBefore { get; private set; } = [];

    private List<Scan> all = [];
    private List<Guid> roundIds = [];
    private List<Guid> clientIds = [];
    private List<string> barcodes = [];
    private List<string> unknownNumbers = [];
    private readonly HashSet<Guid> singleChecked = [];

    public static async Task<SamplingLookups> ReadAsync(AppDbContext db, DateOnly today, IReadOnlyList<SamplingIngest.Job> jobs,
        CancellationToken ct)
    {
        var all = jobs.SelectMany(j => j.Scans).ToList();
        // Shape first: what is malformed never reaches a query.
        var checkedIds = new Dictionary<Scan, IdCheck>(ReferenceEqualityComparer.Instance);
        var codes = new Dictionary<Scan, Guid>(ReferenceEqualityComparer.Instance);
        foreach (var s in all.Where(s => !string.IsNullOrWhiteSpace(s.IdNumber) && string.IsNullOrWhiteSpace(s.PersonCode)))
        {
            checkedIds[s] = IdNumbers.CheckResidentIdCard(s.IdNumber!.Trim(), today);
        }

        foreach (var s in all.Where(s => !string.IsNullOrWhiteSpace(s.PersonCode)))
        {
            if (PersonCode.TryParse(s.PersonCode, out var id))
            {
                codes[s] = id;
            }
        }

        var l = new SamplingLookups(checkedIds, codes)
        {
            all = all,
            roundIds = jobs.Select(j => j.RoundId).Distinct().ToList(),
            clientIds = all.Where(s => s.ClientId is not null).Select(s => s.ClientId!.Value).Distinct().ToList(),
            barcodes = all.Where(s => PoolingRules.IsBarcode(s.Tube?.Trim())).Select(s => s.Tube!.Trim()).Distinct().ToList(),
        };
        l.Rounds = await db.MassTestingRounds.AsNoTracking().Where(r => l.roundIds.Contains(r.Id))
            .Select(r => new RoundInfo(r.Id, r.Status, r.JurisdictionId, r.Jurisdiction!.Path)).ToDictionaryAsync(r => r.Id, ct);
        var siteIds = all.Where(s => s.SiteId is not null).Select(s => s.SiteId!.Value).Distinct().ToList();
        l.Sites = await db.SamplingSites.AsNoTracking().Where(s => siteIds.Contains(s.Id))
            .Select(s => new SiteInfo(s.Id, s.RoundId, s.JurisdictionId, s.Jurisdiction!.Path)).ToDictionaryAsync(s => s.Id, ct);
        await l.ReadEarlierAsync(db, l.clientIds, ct);
        l.Tubes = await ReadTubesAsync(db, l.barcodes, ct);

        var personIds = codes.Values.Distinct().ToList();
        var numbers = checkedIds.Values.Where(c => c.Valid).Select(c => c.Normalized!).Distinct().ToList();
        // Person codes: the members with their persons' names in one look-up; only codes that are no member of the batch's
        // rounds (refused, but named) or unknown ask the registry again.
        var persons = new List<PersonInfo>();
        if (personIds.Count > 0)
        {
            foreach (var (member, person) in await ReadMembersAsync(db, l.roundIds, personIds, ct))
            {
                l.Members[(member.RoundId, member.PersonId)] = member;
                persons.Add(person);
            }

            var others = personIds.Except(persons.Select(p => p.Id)).ToList();
            if (others.Count > 0)
            {
                persons.AddRange(await db.Persons.AsNoTracking().Where(p => EF.Parameter(others).Contains(p.Id))
                    .Select(p => new PersonInfo(p.Id, p.Name, p.IdNumber)).ToListAsync(ct));
            }
        }

        // ID numbers: the registry's persons by number (one index look-up, not an OR with the ids), then their members.
        if (numbers.Count > 0)
        {
            var byNumber = await db.Persons.AsNoTracking()
                .Where(p => p.IdType == IdType.ResidentIdCard && numbers.Contains(p.IdNumber!) && !personIds.Contains(p.Id))
                .Select(p => new PersonInfo(p.Id, p.Name, p.IdNumber)).ToListAsync(ct);
            persons.AddRange(byNumber);
            foreach (var (member, _) in await ReadMembersAsync(db, l.roundIds, byNumber.Select(p => p.Id).ToList(), ct))
            {
                l.Members[(member.RoundId, member.PersonId)] = member;
            }
        }

        l.ById = persons.DistinctBy(p => p.Id).ToDictionary(p => p.Id);
        l.ByNumber = persons.Where(p => p.IdNumber is not null).GroupBy(p => p.IdNumber!).ToDictionary(g => g.Key, g => g.First());
        await l.ReadSingleOnlyAsync(db, today, ct);
        // Earlier samplings of ID numbers the registry does not know (a registered person's count is on their member row).
        l.unknownNumbers = numbers.Where(n => !l.ByNumber.ContainsKey(n)).ToList();
        l.UnregisteredBefore = await ReadUnregisteredAsync(db, l.roundIds, l.unknownNumbers, ct);
        return l;
    }

    /// <summary>Reads again what <paramref name="touched"/> (the batch committed just before) changed among this batch's keys.</summary>
    public async Task RefreshAsync(AppDbContext db, SamplingBatch.Touch touched, DateOnly today, CancellationToken ct)
    {
        var again = clientIds.Where(touched.ClientIds.Contains).ToList();
        if (again.Count > 0)
        {
            await ReadEarlierAsync(db, again, ct);
        }

        var stale = barcodes.Where(touched.Barcodes.Contains).ToList();
        if (stale.Count > 0)
        {
            foreach (var barcode in stale)
            {
                if (Tubes.Remove(barcode, out var old))
                {
                    db.Entry(old).State = EntityState.Detached;
                }
            }

            foreach (var (barcode, tube) in await ReadTubesAsync(db, stale, ct))
            {
                Tubes[barcode] = tube;
            }

            // A tube the last batch opened pooled puts this batch's scans into it under the single-tube rule too.
            await ReadSingleOnlyAsync(db, today, ct);
        }

        var members = Members.Keys.Where(touched.Members.Contains).Select(k => k.PersonId).ToList();
        if (members.Count > 0)
        {
            foreach (var (member, _) in await ReadMembersAsync(db, roundIds, members, ct))
            {
                Members[(member.RoundId, member.PersonId)] = member;
            }
        }

        var numbers = unknownNumbers.Where(n => roundIds.Any(r => touched.Unregistered.Contains((r, n)))).ToList();
        if (numbers.Count > 0)
        {
            foreach (var (key, count) in await ReadUnregisteredAsync(db, roundIds, numbers, ct))
            {
                UnregisteredBefore[key] = count;
            }
        }
    }

    private async Task ReadEarlierAsync(AppDbContext db, List<Guid> ids, CancellationToken ct)
    {
        // The batch's keys travel as one parameter (EF.Parameter: a PostgreSQL array, SQLite json_each), not as up to 2,000
        // IN-list parameters: 4–6 × faster per look-up on SQLite (docs/benchmarks.md, scan-batch).
        var rows = await db.Samplings.AsNoTracking().Where(x => EF.Parameter(ids).Contains(x.ClientId))
            .Select(x => new
            {
                x.ClientId,
                x.Id,
                x.PersonId,
                x.Name,
                Barcode = x.Tube!.Barcode,
                x.Tube.PoolSize,
                x.Tube.Count,
                x.Tube.Status,
            })
            .ToListAsync(ct);
        foreach (var x in rows)
        {
            Earlier[x.ClientId] = new ScanResult(x.ClientId, ScanStatus.Duplicate, SamplingId: x.Id, PersonId: x.PersonId,
                PersonName: x.Name, Unregistered: x.PersonId is null, Tube: x.Barcode, PoolSize: x.PoolSize, TubeCount: x.Count,
                TubeClosed: x.Status == TubeStatus.Closed);
        }
    }

    private static Task<Dictionary<string, Tube>> ReadTubesAsync(AppDbContext db, List<string> barcodes, CancellationToken ct) =>
        db.Tubes.AsTracking().Where(t => barcodes.Contains(t.Barcode)).ToDictionaryAsync(t => t.Barcode, ct);

    /// <summary>The members of the rounds among <paramref name="personIds"/>, with what the rules use of them and of their persons.</summary>
    private static async Task<List<(RoundMember Member, PersonInfo Person)>> ReadMembersAsync(AppDbContext db, List<Guid> roundIds,
        List<Guid> personIds, CancellationToken ct) =>
        personIds.Count == 0 ? [] : (await db.RoundMembers.AsNoTracking()
                .Where(m => roundIds.Contains(m.RoundId) && EF.Parameter(personIds).Contains(m.PersonId))
                .Select(m => new
                {
                    m.RoundId,
                    m.PersonId,
                    m.JurisdictionId,
                    m.FirstSampledAt,
                    m.Samplings,
                    m.Outcome,
                    m.Exemption,
                    m.Person!.Name,
                    m.Person.IdNumber,
                })
                .ToListAsync(ct))
            .Select(m => (new RoundMember
            {
                RoundId = m.RoundId,
                PersonId = m.PersonId,
                JurisdictionId = m.JurisdictionId,
                FirstSampledAt = m.FirstSampledAt,
                Samplings = m.Samplings,
                Outcome = m.Outcome,
                Exemption = m.Exemption,
            }, new PersonInfo(m.PersonId, m.Name, m.IdNumber)))
            .ToList();

    private static async Task<Dictionary<(Guid RoundId, string IdNumber), int>> ReadUnregisteredAsync(AppDbContext db,
        List<Guid> roundIds, List<string> numbers, CancellationToken ct) =>
        numbers.Count == 0 ? [] : (await db.Samplings.AsNoTracking()
                .Where(x => roundIds.Contains(x.RoundId) && x.PersonId == null && EF.Parameter(numbers).Contains(x.IdNumber!))
                .GroupBy(x => new { x.RoundId, x.IdNumber })
                .Select(g => new { g.Key.RoundId, g.Key.IdNumber, Count = g.Count() })
                .ToListAsync(ct))
            .ToDictionary(x => (x.RoundId, x.IdNumber!), x => x.Count);

    /// <summary>The single-tube check for the persons who may land in a pooled tube and were not checked yet.</summary>
    private async Task ReadSingleOnlyAsync(AppDbContext db, DateOnly today, CancellationToken ct)
    {
        var persons = MayBePooled().Where(singleChecked.Add).ToList();
        foreach (var (person, reasons) in await SingleTubeCheck.ReasonsAsync(db, persons, today, ct))
        {
            SingleOnly[person] = reasons;
        }
    }

    /// <summary>
    /// The persons whose scan may land in a pooled tube: a pool size above 1 on the scan, or a barcode that is a pooled
    /// tube already or is opened pooled by another scan of the batch. Only they need the single-tube check (a batch of
    /// single-tube scans asks nothing).
    /// </summary>
    private HashSet<Guid> MayBePooled()
    {
        var pooled = Tubes.Values.Where(t => t.PoolSize > 1).Select(t => t.Barcode)
            .Concat(all.Where(s => s.PoolSize > 1 && s.Tube is not null).Select(s => s.Tube!.Trim()))
            .ToHashSet(StringComparer.Ordinal);
        var persons = new HashSet<Guid>();
        foreach (var scan in all.Where(s => s.PoolSize > 1 || (s.Tube is not null && pooled.Contains(s.Tube.Trim()))))
        {
            if (Codes.TryGetValue(scan, out var id))
            {
                persons.Add(id);
            }
            else if (CheckedIds.TryGetValue(scan, out var check) && check.Valid && ByNumber.TryGetValue(check.Normalized!, out var p))
            {
                persons.Add(p.Id);
            }
        }

        return persons;
    }
}
