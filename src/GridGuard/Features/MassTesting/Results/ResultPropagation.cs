using GridGuard.Features.ControlPlans;
using GridGuard.Features.Monitoring;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Results;

/// <summary>
/// What a set of tube results means for their members (DOMAIN.md §7), written set-based inside the caller's transaction
/// (one API result, a correction, or a 10,000-row file all come through here):
/// - every sampling in the tube gets <see cref="PoolingRules.OutcomeFor"/>, and so does its <see cref="RoundMember"/>
///   when that sampling is the person's latest in the round;
/// - pooled positive: a priority-0 <see cref="WorkTaskKind.Retest"/> task per member ("Retest:{samplingId}", due in
///   <see cref="PoolingRules.RetestWithin"/>, at the member's node, for the household's steward): the grid, the village
///   and the township see it at once (<see cref="ListTasks.Visible"/>), and the member's record shows "原地等待单管复核";
/// - single-tube negative or positive: the person's open retest tasks made before that sampling are done;
/// - invalid: the members are not sampled any more (<see cref="RoundMember.FirstSampledAt"/> null, tallies −1), so they
///   reappear on the grid's missing list;
/// - single-tube positive: a suspected case (see <see cref="SuspectedCases"/>).
/// The tubes themselves are written by the caller (tracked for one tube, so the interceptor audits it; set-based for a file).
/// </summary>
public static class ResultPropagation
{
    /// <summary>
    /// Ids per statement. Lists go in as one parameter (<c>EF.Parameter</c>: json_each on SQLite, an array on PostgreSQL),
    /// not EF 10's default of one parameter per id, which made a 10,000-tube file spend seconds on SQL text.
    /// </summary>
    private const int Batch = 10_000;

    public sealed record TubeResult(Guid TubeId, Guid RoundId, int PoolSize, TestResult Result);

    public sealed record Summary(int Samplings, int Negative, int PooledPositive, int Positive, int Invalid, int RetestTasks,
        int ClosedRetests, IReadOnlyList<Guid> SuspectedSamplings);

    private sealed record Row(Guid Id, Guid TubeId, Guid RoundId, Guid? PersonId, DateTime SampledAt, Guid JurisdictionId);

    public static async Task<Summary> PropagateAsync(AppDbContext db, IReadOnlyCollection<TubeResult> tubes, Guid userId, DateTime now,
        TimeZoneInfo zone, CancellationToken ct, ILogger? log = null)
    {
        if (tubes.Count == 0)
        {
            return new Summary(0, 0, 0, 0, 0, 0, 0, []);
        }

        var outcomeOf = tubes.ToDictionary(t => t.TubeId, t => PoolingRules.OutcomeFor(t.Result, t.PoolSize));
        var poolOf = tubes.ToDictionary(t => t.TubeId, t => t.PoolSize);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Only the samplings that make or close tasks or are suspected cases are read: pooled positives and single tubes.
        var rows = new List<Row>();
        var read = tubes.Where(t => t.PoolSize == 1 || outcomeOf[t.TubeId] == SamplingOutcome.PooledPositive).Select(t => t.TubeId).ToList();
        foreach (var chunk in read.Chunk(Batch))
        {
            rows.AddRange(await db.Samplings.AsNoTracking()
                .Where(s => EF.Parameter(chunk).Contains(s.TubeId))
                .Select(s => new Row(s.Id, s.TubeId, s.RoundId, s.PersonId, s.SampledAt, s.JurisdictionId))
                .ToListAsync(ct));
        }

        // 1. Samplings, one set-based update per outcome.
        var counts = new Dictionary<SamplingOutcome, int>();
        foreach (var group in tubes.GroupBy(t => outcomeOf[t.TubeId]))
        {
            var outcome = group.Key;
            foreach (var chunk in group.Select(t => t.TubeId).Chunk(Batch))
            {
                counts[outcome] = counts.GetValueOrDefault(outcome) + await db.Samplings.Where(s => EF.Parameter(chunk).Contains(s.TubeId))
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Outcome, outcome), ct);
            }
        }

        var samplingsMs = clock.ElapsedMilliseconds;

        // 2. Round members whose latest sampling in the round is one of these (driven by the tubes, not by a list of persons).
        var persons = rows.Where(r => r.PersonId is not null).ToList();
        foreach (var group in tubes.GroupBy(t => (t.RoundId, Outcome: outcomeOf[t.TubeId])))
        {
            var (roundId, outcome) = group.Key;
            foreach (var chunk in group.Select(t => t.TubeId).Chunk(Batch))
            {
                var latest = LatestIn(db, roundId, chunk);
                if (outcome == SamplingOutcome.Invalid)
                {
                    await ResampleAsync(db, roundId, latest, ct);
                }

                await db.RoundMembers.Where(m => m.RoundId == roundId && latest.Contains(m.PersonId))
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Outcome, outcome), ct);
            }
        }

        var membersMs = clock.ElapsedMilliseconds;

        // 3. Pooled positives: a retest task per member (an existing one, from before a correction, is opened again).
        var pooled = persons.Where(r => outcomeOf[r.TubeId] == SamplingOutcome.PooledPositive).ToList();
        var made = await RetestTasksAsync(db, pooled, now, ct);

        // 4. Single-tube answers close the retests that were waiting for them.
        var answered = persons.Where(r => poolOf[r.TubeId] == 1
            && outcomeOf[r.TubeId] is SamplingOutcome.Negative or SamplingOutcome.Positive).ToList();
        var closed = await CloseRetestsAsync(db, answered, userId, now, ct);

        // 5. The same answers feed the control plans of persons under one (issue 4's plan tests).
        await PlanFeed.FeedAsync(db, answered.Select(r => new PlanFeed.Answer(r.PersonId!.Value, r.SampledAt,
            outcomeOf[r.TubeId] == SamplingOutcome.Negative ? TestResult.Negative : TestResult.Positive)).ToList(), zone, userId, now, ct);

        log?.LogInformation("Lab results propagated: {Tubes} tubes, {Samplings} samplings in {SamplingsMs} ms, members in {MembersMs} ms, "
            + "{Made} retest tasks made and {Closed} closed in {TasksMs} ms", tubes.Count, counts.Values.Sum(), samplingsMs, membersMs - samplingsMs,
            made, closed, clock.ElapsedMilliseconds - membersMs);
        var suspected = rows.Where(r => outcomeOf[r.TubeId] == SamplingOutcome.Positive).Select(r => r.Id).ToList();
        SuspectedCases.Found(suspected);

        int Count(SamplingOutcome o) => counts.GetValueOrDefault(o);
        return new Summary(counts.Values.Sum(), Count(SamplingOutcome.Negative), Count(SamplingOutcome.PooledPositive),
            Count(SamplingOutcome.Positive), Count(SamplingOutcome.Invalid), made, closed, suspected);
    }

    /// <summary>
    /// Before a correction: takes back what the tube's recorded result did that the new one would not overwrite — an
    /// invalid result's "not sampled" (members sampled again, tallies +1), a pooled positive's open retest tasks (done).
    /// </summary>
    public static async Task UndoAsync(AppDbContext db, TubeResult previous, string reason, Guid userId, DateTime now, CancellationToken ct)
    {
        var rows = await db.Samplings.AsNoTracking().Where(s => s.TubeId == previous.TubeId)
            .Select(s => new Row(s.Id, s.TubeId, s.RoundId, s.PersonId, s.SampledAt, s.JurisdictionId))
            .ToListAsync(ct);
        var outcome = PoolingRules.OutcomeFor(previous.Result, previous.PoolSize);
        if (outcome == SamplingOutcome.Invalid)
        {
            var latest = LatestIn(db, previous.RoundId, [previous.TubeId]);
            var again = await db.RoundMembers.AsNoTracking()
                .Where(m => m.RoundId == previous.RoundId && m.FirstSampledAt == null && latest.Contains(m.PersonId))
                .Select(m => new { m.PersonId, m.JurisdictionId, Exempt = m.Exemption != null })
                .ToListAsync(ct);
            foreach (var member in again)
            {
                var at = rows.Where(r => r.PersonId == member.PersonId).Max(r => r.SampledAt);
                await db.RoundMembers.Where(m => m.RoundId == previous.RoundId && m.PersonId == member.PersonId)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.FirstSampledAt, at), ct);
                await Tallies.ApplyAsync(db, previous.RoundId, member.JurisdictionId, Tallies.FirstSampling(member.Exempt), ct);
            }
        }
        else if (outcome == SamplingOutcome.PooledPositive)
        {
            var keys = rows.Select(r => RetestKey(r.Id)).ToList();
            var open = await db.WorkTasks.Where(t => EF.Parameter(keys).Contains(t.Key) && t.Status == WorkTaskStatus.Open).ToListAsync(ct);
            foreach (var task in open)
            {
                Close(task, userId, now, Trim($"检测结果更正：{reason}"));
            }

            await db.SaveChangesAsync(ct);
        }
    }

    public static string RetestKey(Guid samplingId) => $"Retest:{samplingId}";

    /// <summary>The persons whose latest sampling in the round is in one of <paramref name="tubeIds"/> (a subquery).</summary>
    private static IQueryable<Guid> LatestIn(AppDbContext db, Guid roundId, Guid[] tubeIds) =>
        db.Samplings
            .Where(s => EF.Parameter(tubeIds).Contains(s.TubeId) && s.RoundId == roundId && s.PersonId != null)
            .Where(s => !db.Samplings.Any(l => l.RoundId == s.RoundId && l.PersonId == s.PersonId && l.SampledAt > s.SampledAt))
            .Select(s => s.PersonId!.Value);

    /// <summary>Invalid: members counted as sampled are not any more (the tallies follow, per node).</summary>
    private static async Task ResampleAsync(AppDbContext db, Guid roundId, IQueryable<Guid> personIds, CancellationToken ct)
    {
        var sampled = await db.RoundMembers.AsNoTracking()
            .Where(m => m.RoundId == roundId && personIds.Contains(m.PersonId) && m.FirstSampledAt != null)
            .Select(m => new { m.JurisdictionId, Exempt = m.Exemption != null })
            .ToListAsync(ct);
        if (sampled.Count == 0)
        {
            return;
        }

        await db.RoundMembers.Where(m => m.RoundId == roundId && personIds.Contains(m.PersonId) && m.FirstSampledAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.FirstSampledAt, (DateTime?)null), ct);
        var perNode = sampled.GroupBy(m => m.JurisdictionId).Select(g => new KeyValuePair<Guid, Tallies.Delta>(g.Key,
            new Tallies.Delta(-g.Count(), 0, -g.Count(m => m.Exempt))));
        await Tallies.ApplyAsync(db, roundId, perNode, ct);
    }

    private static async Task<int> RetestTasksAsync(AppDbContext db, List<Row> pooled, DateTime now, CancellationToken ct)
    {
        if (pooled.Count == 0)
        {
            return 0;
        }

        var due = now + PoolingRules.RetestWithin;
        var keys = pooled.Select(r => RetestKey(r.Id)).ToList();
        var existing = await db.WorkTasks.Where(t => EF.Parameter(keys).Contains(t.Key)).ToDictionaryAsync(t => t.Key, ct);
        var personIds = pooled.Select(r => r.PersonId!.Value).Distinct().ToList();
        var stewards = await db.Persons.AsNoTracking().Where(p => EF.Parameter(personIds).Contains(p.Id))
            .Select(p => new { p.Id, StewardId = p.Household == null ? null : p.Household.StewardId })
            .ToDictionaryAsync(p => p.Id, p => p.StewardId, ct);
        var made = 0;
        foreach (var r in pooled)
        {
            if (existing.TryGetValue(RetestKey(r.Id), out var task))
            {
                if (task.Status == WorkTaskStatus.Done)
                {
                    (task.Status, task.ClosedAt, task.ClosedById, task.DueAt, task.Note) = (WorkTaskStatus.Open, null, null, due, null);
                    made++;
                }

                continue;
            }

            db.WorkTasks.Add(new WorkTask
            {
                Kind = WorkTaskKind.Retest,
                Priority = WorkTask.PriorityOf(WorkTaskKind.Retest),
                Key = RetestKey(r.Id),
                JurisdictionId = r.JurisdictionId,
                PersonId = r.PersonId!.Value,
                RoundId = r.RoundId,
                StewardId = stewards.GetValueOrDefault(r.PersonId.Value),
                DueAt = due,
                Status = WorkTaskStatus.Open,
                CreatedAt = now,
            });
            made++;
        }

        await db.SaveChangesAsync(ct);
        return made;
    }

    private static async Task<int> CloseRetestsAsync(AppDbContext db, List<Row> answered, Guid userId, DateTime now, CancellationToken ct)
    {
        if (answered.Count == 0)
        {
            return 0;
        }

        var sampledAt = answered.GroupBy(r => r.PersonId!.Value).ToDictionary(g => g.Key, g => g.Max(r => r.SampledAt));
        var closed = 0;
        foreach (var chunk in sampledAt.Keys.Chunk(Batch))
        {
            var open = await db.WorkTasks
                .Where(t => t.Kind == WorkTaskKind.Retest && t.Status == WorkTaskStatus.Open && EF.Parameter(chunk).Contains(t.PersonId))
                .ToListAsync(ct);
            foreach (var task in open.Where(t => t.CreatedAt <= sampledAt[t.PersonId]))
            {
                Close(task, userId, now, "单管复核已出结果");
                closed++;
            }

            await db.SaveChangesAsync(ct);
        }

        return closed;
    }

    private static void Close(WorkTask task, Guid userId, DateTime now, string note) =>
        (task.Status, task.ClosedAt, task.ClosedById, task.Note) = (WorkTaskStatus.Done, now, userId, note);

    private static string Trim(string text) => text.Length <= WorkTask.NoteMaxLength ? text : text[..WorkTask.NoteMaxLength];
}

/// <summary>
/// 单管阳性 = a suspected case. TODO(next issue, DOMAIN.md §7 and 003): open the case report here, with the 2-hour
/// direct-report clock (网络直报) starting at the result's time. Until then the samplings only carry
/// <see cref="SamplingOutcome.Positive"/>, which the person's record, the resident lookup and the single-tube check show.
/// </summary>
public static class SuspectedCases
{
    public static void Found(IReadOnlyList<Guid> samplingIds)
    {
        // Seam for the direct report (next issue): intentionally empty.
        _ = samplingIds;
    }
}
