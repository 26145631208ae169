using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Collection;

/// <summary>
/// Applies a batch of sampler operations (<see cref="Scan"/>) in one transaction, set-based: a handful of look-ups for the
/// whole batch, the rules in memory in the order the device made the scans, then one insert of the new samplings and the
/// tube, member and tally updates. The rules (DOMAIN.md §7): a barcode is used in one round only; a tube closes when full
/// or by hand and a closed tube takes nobody; a person under an open plan, from a High or Medium area or with an
/// unresolved positive is refused in a pooled tube; a second sampling in the round is warned, not refused; a registered
/// person outside the round is refused; an ID number not in the registry is accepted for the reconciliation list.
/// Only <see cref="SamplingWriter"/> calls this, one batch at a time, so the in-memory tube counts cannot race.
/// </summary>
public static class SamplingIngest
{
    /// <param name="SamplerPaths">The paths where the sampler holds one of <see cref="MassTestingText.Samplers"/>.</param>
    public sealed record Job(Guid RoundId, Guid SamplerId, string SamplerName, IReadOnlyList<string> SamplerPaths,
        IReadOnlyList<Scan> Scans);

    /// <summary>The answer per job; <see cref="RoundFound"/> false means the round is unknown or outside the sampler's scope.</summary>
    public sealed record JobResult(bool RoundFound, IReadOnlyList<ScanResult> Results);

    public static async Task<IReadOnlyList<JobResult>> RunAsync(AppDbContext db, CountyClock clock, IReadOnlyList<Job> jobs,
        CancellationToken ct)
    {
        var now = clock.UtcNow;
        var today = clock.Today;
        var all = jobs.SelectMany(j => j.Scans).ToList();

        var roundIds = jobs.Select(j => j.RoundId).Distinct().ToList();
        var rounds = await db.MassTestingRounds.AsNoTracking().Where(r => roundIds.Contains(r.Id))
            .Select(r => new RoundInfo(r.Id, r.Status, r.JurisdictionId, r.Jurisdiction!.Path)).ToDictionaryAsync(r => r.Id, ct);
        var siteIds = all.Where(s => s.SiteId is not null).Select(s => s.SiteId!.Value).Distinct().ToList();
        var sites = await db.SamplingSites.AsNoTracking().Where(s => siteIds.Contains(s.Id))
            .Select(s => new SiteInfo(s.Id, s.RoundId, s.JurisdictionId, s.Jurisdiction!.Path)).ToDictionaryAsync(s => s.Id, ct);

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

        var clientIds = all.Where(s => s.ClientId is not null).Select(s => s.ClientId!.Value).Distinct().ToList();
        // The batch's keys travel as one parameter (EF.Parameter: a PostgreSQL array, SQLite json_each), not as up to 2,000
        // IN-list parameters: 4–6 × faster per look-up on SQLite (docs/benchmarks.md, scan-batch).
        var earlier = (await db.Samplings.AsNoTracking().Where(x => EF.Parameter(clientIds).Contains(x.ClientId))
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
                .ToListAsync(ct))
            .ToDictionary(x => x.ClientId, x => new ScanResult(x.ClientId, ScanStatus.Duplicate, SamplingId: x.Id,
                PersonId: x.PersonId, PersonName: x.Name, Unregistered: x.PersonId is null, Tube: x.Barcode, PoolSize: x.PoolSize,
                TubeCount: x.Count, TubeClosed: x.Status == TubeStatus.Closed));

        var barcodes = all.Where(s => PoolingRules.IsBarcode(s.Tube?.Trim())).Select(s => s.Tube!.Trim()).Distinct().ToList();
        var tubes = await db.Tubes.AsTracking().Where(t => barcodes.Contains(t.Barcode)).ToDictionaryAsync(t => t.Barcode, ct);

        var personIds = codes.Values.Distinct().ToList();
        var numbers = checkedIds.Values.Where(c => c.Valid).Select(c => c.Normalized!).Distinct().ToList();
        // Two index look-ups (by id, by ID number), not one OR that the planners may answer with a scan.
        var persons = personIds.Count == 0 ? [] : await db.Persons.AsNoTracking().Where(p => EF.Parameter(personIds).Contains(p.Id))
            .Select(p => new PersonInfo(p.Id, p.Name, p.IdNumber)).ToListAsync(ct);
        if (numbers.Count > 0)
        {
            persons.AddRange(await db.Persons.AsNoTracking()
                .Where(p => p.IdType == IdType.ResidentIdCard && numbers.Contains(p.IdNumber!) && !personIds.Contains(p.Id))
                .Select(p => new PersonInfo(p.Id, p.Name, p.IdNumber)).ToListAsync(ct));
        }

        var byId = persons.ToDictionary(p => p.Id);
        var byNumber = persons.Where(p => p.IdNumber is not null).GroupBy(p => p.IdNumber!).ToDictionary(g => g.Key, g => g.First());
        var found = persons.Select(p => p.Id).ToList();
        var members = await db.RoundMembers.AsNoTracking().Where(m => roundIds.Contains(m.RoundId) && EF.Parameter(found).Contains(m.PersonId))
            .ToDictionaryAsync(m => (m.RoundId, m.PersonId), ct);
        var singleOnly = await SingleTubeCheck.ReasonsAsync(db, MayBePooled(all, tubes, codes, checkedIds, byNumber), today, ct);
        // Earlier samplings of ID numbers the registry does not know (a registered person's count is on their member row).
        var unknown = numbers.Where(n => !byNumber.ContainsKey(n)).ToList();
        var unregisteredBefore = unknown.Count == 0 ? [] : (await db.Samplings.AsNoTracking()
                .Where(x => roundIds.Contains(x.RoundId) && x.PersonId == null && EF.Parameter(unknown).Contains(x.IdNumber!))
                .GroupBy(x => new { x.RoundId, x.IdNumber })
                .Select(g => new { g.Key.RoundId, g.Key.IdNumber, Count = g.Count() })
                .ToListAsync(ct))
            .ToDictionary(x => (x.RoundId, x.IdNumber!), x => x.Count);

        var state = new SamplingBatch(now, clock.ToUtc, tubes, earlier, unregisteredBefore);
        var answers = new List<JobResult>(jobs.Count);
        foreach (var job in jobs)
        {
            if (!rounds.TryGetValue(job.RoundId, out var round)
                || !RoundAccess.Overlaps(job.SamplerPaths, round.Path))
            {
                answers.Add(new JobResult(false, []));
                continue;
            }

            var results = new List<ScanResult>(job.Scans.Count);
            foreach (var scan in job.Scans)
            {
                results.Add(Apply(state, job, round, scan));
            }

            answers.Add(new JobResult(true, results));
            state.AuditJob(job, round, results);
        }

        ScanResult Apply(SamplingBatch b, Job job, RoundInfo round, Scan scan)
        {
            var id = scan.ClientId;
            if (id is null)
            {
                return ScanResult.Refused(null, "clientId", "客户端编号：不能为空（每次扫码由设备生成一个编号）");
            }

            if (b.Earlier.TryGetValue(id.Value, out var before))
            {
                return before;
            }

            if (!b.Seen.Add(id.Value))
            {
                return new ScanResult(id, ScanStatus.Duplicate);
            }

            var barcode = scan.Tube?.Trim();
            if (PoolingRules.BarcodeError(barcode) is { } barcodeError)
            {
                return ScanResult.Refused(id, "tube", barcodeError);
            }

            if (scan.PoolSize is { } size && !PoolingRules.IsPoolSize(size))
            {
                return ScanResult.Refused(id, "poolSize", "混采规格：应为 1（单管）、5 或 10", tube: barcode);
            }

            if (round.Status != RoundStatus.Open)
            {
                return ScanResult.Refused(id, "roundId", round.Status == RoundStatus.Preparing
                    ? "本轮筛查正在生成应检人员名单，请稍后再开管或采样（扫码已保存在本机）"
                    : "本轮筛查已结束，不能再开管或采样", RefusalKind.Conflict, barcode);
            }

            SiteInfo? site = null;
            if (scan.SiteId is { } siteId && (!sites.TryGetValue(siteId, out site) || site.RoundId != round.Id))
            {
                return ScanResult.Refused(id, "siteId", "采样点：不属于本轮筛查", tube: barcode);
            }

            if (site is not null && !job.SamplerPaths.Any(p => site.Path.StartsWith(p, StringComparison.Ordinal)))
            {
                return ScanResult.Refused(id, "siteId", "采样点：您不在该采样点的工作范围内", RefusalKind.Conflict, barcode);
            }

            // Person first (for a scan), so that a refused person never opens a tube.
            PersonInfo? person = null;
            string? number = null;
            RoundMember? member = null;
            if (scan.HasPerson)
            {
                if (!string.IsNullOrWhiteSpace(scan.PersonCode))
                {
                    if (!codes.TryGetValue(scan, out var pid) || !byId.TryGetValue(pid, out person))
                    {
                        return ScanResult.Refused(id, "personCode", "个人码：无法识别或查无此人，请改为输入身份证号", RefusalKind.Conflict, barcode);
                    }
                }
                else
                {
                    var check = checkedIds[scan];
                    if (!check.Valid)
                    {
                        return ScanResult.Refused(id, "idNumber", check.Error!, tube: barcode);
                    }

                    number = check.Normalized!;
                    byNumber.TryGetValue(number, out person);
                }

                if (person is not null && !members.TryGetValue((round.Id, person.Id), out member))
                {
                    return ScanResult.Refused(id, scan.PersonCode is null ? "idNumber" : "personCode",
                        $"{person.Name} 不在本轮筛查范围内（户籍或居住地不在本轮辖区）", RefusalKind.Conflict, barcode);
                }
            }

            var tube = b.Tubes.GetValueOrDefault(barcode!);
            if (tube is not null && tube.RoundId != round.Id)
            {
                return ScanResult.Refused(id, "tube", $"采样管条码 {barcode} 已在其他轮次使用，不能重复使用", RefusalKind.Conflict, barcode);
            }

            if (tube is not null && scan.PoolSize is { } chosen && chosen != tube.PoolSize)
            {
                return ScanResult.Refused(id, "poolSize",
                    $"混采规格：采样管 {barcode} 是{MassTestingText.PoolLabel(tube.PoolSize)}，与所选的{MassTestingText.PoolLabel(chosen)}不符",
                    RefusalKind.Conflict, barcode);
            }

            if (tube is null)
            {
                if (scan.Close == true)
                {
                    return ScanResult.Refused(id, "tube", $"采样管 {barcode} 尚未开管，无法封管", RefusalKind.Conflict, barcode);
                }

                if (scan.PoolSize is null)
                {
                    return ScanResult.Refused(id, "poolSize", "混采规格：开新管时请选择 1（单管）、5 或 10", tube: barcode);
                }

                tube = b.Open(round, site, job, barcode!, scan.PoolSize.Value);
            }

            if (!scan.HasPerson)
            {
                if (scan.Close == true && tube.Status == TubeStatus.Open)
                {
                    tube.Status = TubeStatus.Closed;
                    tube.ClosedAt = b.Now;
                }

                return SamplingBatch.Answer(id, tube, null, null, null);
            }

            if (tube.Status == TubeStatus.Closed)
            {
                return ScanResult.Refused(id, "tube", $"采样管 {barcode} 已封管，请换一支新管", RefusalKind.Conflict, barcode);
            }

            if (person is not null && tube.PoolSize > 1 && singleOnly.TryGetValue(person.Id, out var reasons))
            {
                return ScanResult.Refused(id, scan.PersonCode is null ? "idNumber" : "personCode",
                    $"{person.Name}：{PoolingRules.Refusal(reasons, tube.PoolSize)}", RefusalKind.Conflict, barcode);
            }

            return b.Sample(job, round, site, tube, scan, person, member, number);
        }

        // A small batch on PostgreSQL: every write in one round trip. Otherwise, in one transaction: new tubes first
        // (samplings refer to them), the audit lines, the tubes open before the batch (change tracker), then the samplings,
        // the members and the tallies, set-based.
        if (await PostgresWritePhase.TryWriteAsync(db, state, ct))
        {
            return answers;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await BulkCopy.InsertAsync(db, state.NewTubes, ct);
        await BulkCopy.InsertAsync(db, state.AuditLines, ct);
        await db.SaveChangesWithoutAuditAsync(ct);
        await BulkCopy.InsertAsync(db, state.NewSamplings, ct);
        foreach (var (roundId, bumps) in state.Bumps)
        {
            await MemberBumps.ApplyAsync(db, roundId, bumps.Values, ct);
        }

        foreach (var (roundId, perNode) in state.TallyDeltas)
        {
            await Tallies.ApplyAsync(db, roundId, perNode, ct);
        }

        await tx.CommitAsync(ct);
        return answers;
    }

    /// <summary>
    /// The persons whose scan may land in a pooled tube: a pool size above 1 on the scan, or a barcode that is a pooled
    /// tube already or is opened pooled by another scan of the batch. Only they need the single-tube check (a batch of
    /// single-tube scans asks nothing).
    /// </summary>
    private static List<Guid> MayBePooled(List<Scan> all, Dictionary<string, Tube> tubes, Dictionary<Scan, Guid> codes,
        Dictionary<Scan, IdCheck> checkedIds, Dictionary<string, PersonInfo> byNumber)
    {
        var pooled = tubes.Values.Where(t => t.PoolSize > 1).Select(t => t.Barcode)
            .Concat(all.Where(s => s.PoolSize > 1 && s.Tube is not null).Select(s => s.Tube!.Trim()))
            .ToHashSet(StringComparer.Ordinal);
        var persons = new HashSet<Guid>();
        foreach (var scan in all.Where(s => s.PoolSize > 1 || (s.Tube is not null && pooled.Contains(s.Tube.Trim()))))
        {
            if (codes.TryGetValue(scan, out var id))
            {
                persons.Add(id);
            }
            else if (checkedIds.TryGetValue(scan, out var check) && check.Valid && byNumber.TryGetValue(check.Normalized!, out var p))
            {
                persons.Add(p.Id);
            }
        }

        return [.. persons];
    }
}
