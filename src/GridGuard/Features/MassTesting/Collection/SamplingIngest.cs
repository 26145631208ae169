using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Collection;

/// <summary>
/// Applies a batch of sampler operations (<see cref="Scan"/>) in one transaction, set-based: a handful of look-ups for the
/// whole batch (<see cref="SamplingLookups"/>), the rules in memory in the order the device made the scans
/// (<see cref="Apply(SamplingLookups, IReadOnlyList{Job}, CountyClock)"/>), then one insert of the new samplings and the
/// tube, member and tally updates (<see cref="WriteAsync"/>). The rules (DOMAIN.md §7): a barcode is used in one round only; a tube closes when full
/// or by hand and a closed tube takes nobody; a person under an open plan, from a High or Medium area or with an
/// unresolved positive is refused in a pooled tube; a second sampling in the round is warned, not refused; a registered
/// person outside the round is refused; an ID number not in the registry is accepted for the reconciliation list.
/// Only <see cref="SamplingWriter"/> writes samplings, one batch at a time, so the in-memory tube counts cannot race.
/// </summary>
public static class SamplingIngest
{
    /// <param name="SamplerPaths">The paths where the sampler holds one of <see cref="MassTestingText.Samplers"/>.</param>
    public sealed record Job(Guid RoundId, Guid SamplerId, string SamplerName, IReadOnlyList<string> SamplerPaths,
        IReadOnlyList<Scan> Scans);

    /// <summary>The answer per job; <see cref="RoundFound"/> false means the round is unknown or outside the sampler's scope.</summary>
    public sealed record JobResult(bool RoundFound, IReadOnlyList<ScanResult> Results);

    /// <summary>Reads, applies and writes one batch: what the demo and the writer's one-by-one fallback use.</summary>
    public static async Task<IReadOnlyList<JobResult>> RunAsync(AppDbContext db, CountyClock clock, IReadOnlyList<Job> jobs,
        CancellationToken ct)
    {
        // One physical connection for the batch's dozen statements: left to EF, each look-up would take it from the pool
        // and give it back (PostgreSQL then resets the session every time).
        await db.Database.OpenConnectionAsync(ct);
        var lookups = await SamplingLookups.ReadAsync(db, clock.Today, jobs, ct);
        var (state, answers) = Apply(lookups, jobs, clock);
        await WriteAsync(db, state, ct);
        return answers;
    }

    /// <summary>The rules, in memory, in the order the devices made the operations; nothing is written yet.</summary>
    internal static (SamplingBatch State, List<JobResult> Answers) Apply(SamplingLookups l, IReadOnlyList<Job> jobs, CountyClock clock)
    {
        var state = new SamplingBatch(clock.UtcNow, clock.ToUtc, l.Tubes, l.Earlier, l.UnregisteredBefore);
        var answers = new List<JobResult>(jobs.Count);
        foreach (var job in jobs)
        {
            if (!l.Rounds.TryGetValue(job.RoundId, out var round)
                || !RoundAccess.Overlaps(job.SamplerPaths, round.Path))
            {
                answers.Add(new JobResult(false, []));
                continue;
            }

            var results = new List<ScanResult>(job.Scans.Count);
            foreach (var scan in job.Scans)
            {
                results.Add(Apply(state, l, job, round, scan));
            }

            answers.Add(new JobResult(true, results));
            state.AuditJob(job, round, results);
        }

        return (state, answers);
    }

    /// <summary>Writes what <see cref="Apply(SamplingLookups, IReadOnlyList{Job}, CountyClock)"/> decided, in one transaction, on the context that read the batch (its tubes are tracked there).</summary>
    internal static async Task WriteAsync(AppDbContext db, SamplingBatch state, CancellationToken ct)
    {
        // A small batch on PostgreSQL: every write in one round trip. Otherwise, in one transaction: new tubes first
        // (samplings refer to them), the audit lines, the tubes open before the batch (change tracker), then the samplings,
        // the members and the tallies, set-based.
        if (await PostgresWritePhase.TryWriteAsync(db, state, ct))
        {
            return;
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
    }

    private static ScanResult Apply(SamplingBatch b, SamplingLookups l, Job job, RoundInfo round, Scan scan)
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
        if (scan.SiteId is { } siteId && (!l.Sites.TryGetValue(siteId, out site) || site.RoundId != round.Id))
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
                if (!l.Codes.TryGetValue(scan, out var pid) || !l.ById.TryGetValue(pid, out person))
                {
                    return ScanResult.Refused(id, "personCode", "个人码：无法识别或查无此人，请改为输入身份证号", RefusalKind.Conflict, barcode);
                }
            }
            else
            {
                var check = l.CheckedIds[scan];
                if (!check.Valid)
                {
                    return ScanResult.Refused(id, "idNumber", check.Error!, tube: barcode);
                }

                number = check.Normalized!;
                l.ByNumber.TryGetValue(number, out person);
            }

            if (person is not null && !l.Members.TryGetValue((round.Id, person.Id), out member))
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
                b.Close(tube);
            }

            return SamplingBatch.Answer(id, tube, null, null, null);
        }

        if (tube.Status == TubeStatus.Closed)
        {
            return ScanResult.Refused(id, "tube", $"采样管 {barcode} 已封管，请换一支新管", RefusalKind.Conflict, barcode);
        }

        if (person is not null && tube.PoolSize > 1 && l.SingleOnly.TryGetValue(person.Id, out var reasons))
        {
            return ScanResult.Refused(id, scan.PersonCode is null ? "idNumber" : "personCode",
                $"{person.Name}：{PoolingRules.Refusal(reasons, tube.PoolSize)}", RefusalKind.Conflict, barcode);
        }

        return b.Sample(job, round, site, tube, scan, person, member, number);
    }
}
