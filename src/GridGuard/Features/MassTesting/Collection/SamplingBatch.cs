using System.Text.Json;
using GridGuard.Platform.Audit;

namespace GridGuard.Features.MassTesting.Collection;

internal sealed record RoundInfo(Guid Id, RoundStatus Status, Guid JurisdictionId, string Path);

internal sealed record SiteInfo(Guid Id, Guid RoundId, Guid JurisdictionId, string Path);

internal sealed record PersonInfo(Guid Id, string Name, string? IdNumber);

/// <summary>
/// A batch's in-memory state for <see cref="SamplingIngest"/>: tubes as they fill, members as they are sampled, and what to
/// write at the end (new tubes and samplings, member bumps, tally deltas, audit lines).
/// </summary>
internal sealed class SamplingBatch(DateTime now, Func<DateTime, DateTime> toUtc, Dictionary<string, Tube> tubes, Dictionary<Guid, ScanResult> earlier,
    Dictionary<(Guid, string), int> unregisteredBefore)
{
    public DateTime Now { get; } = now;

    public Dictionary<string, Tube> Tubes { get; } = tubes;

    public Dictionary<Guid, ScanResult> Earlier { get; } = earlier;

    public HashSet<Guid> Seen { get; } = [];

    public List<Tube> NewTubes { get; } = [];

    public List<Sampling> NewSamplings { get; } = [];

    public List<AuditEntry> AuditLines { get; } = [];

    public Dictionary<Guid, Dictionary<Guid, Tallies.Delta>> TallyDeltas { get; } = [];

    /// <summary>The barcodes of the tubes this batch opened, filled or closed.</summary>
    public HashSet<string> TouchedBarcodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Per round, per person: the samplings of registered members in this batch.</summary>
    public Dictionary<Guid, Dictionary<Guid, MemberBumps.Bump>> Bumps { get; } = [];

    public Tube Open(RoundInfo round, SiteInfo? site, SamplingIngest.Job job, string barcode, int poolSize)
    {
        var tube = new Tube
        {
            Barcode = barcode,
            RoundId = round.Id,
            SiteId = site?.Id,
            JurisdictionId = site?.JurisdictionId ?? round.JurisdictionId,
            PoolSize = poolSize,
            Status = TubeStatus.Open,
            OpenedById = job.SamplerId,
            OpenedAt = Now,
        };
        Tubes[barcode] = tube;
        NewTubes.Add(tube);
        TouchedBarcodes.Add(barcode);
        return tube;
    }

    /// <summary>Closes a tube: full, or by hand.</summary>
    public void Close(Tube tube)
    {
        tube.Status = TubeStatus.Closed;
        tube.ClosedAt = Now;
        TouchedBarcodes.Add(tube.Barcode);
    }

    public ScanResult Sample(SamplingIngest.Job job, RoundInfo round, SiteInfo? site, Tube tube, Scan scan, PersonInfo? person,
        RoundMember? member, string? number)
    {
        // The device's clock, in UTC (a time without a zone is county time), never later than now.
        var sampledAt = scan.SampledAt is { } at ? Min(toUtc(at), Now) : Now;
        string? warning = null;
        var before = member?.Samplings ?? unregisteredBefore.GetValueOrDefault((round.Id, number!));
        if (before > 0)
        {
            warning = $"{person?.Name ?? scan.Name ?? number} 本轮已采样 {before} 次，本次为第 {before + 1} 次";
        }

        var sampling = new Sampling
        {
            ClientId = scan.ClientId!.Value,
            RoundId = round.Id,
            TubeId = tube.Id,
            SiteId = site?.Id ?? tube.SiteId,
            PersonId = person?.Id,
            IdNumber = person?.IdNumber ?? number,
            Name = person?.Name ?? Trim(scan.Name, Sampling.NameMaxLength),
            JurisdictionId = member?.JurisdictionId ?? site?.JurisdictionId ?? round.JurisdictionId,
            SampledAt = sampledAt,
            ReceivedAt = Now,
            SamplerId = job.SamplerId,
            Repeat = before > 0,
            Outcome = SamplingOutcome.Pending,
        };
        NewSamplings.Add(sampling);
        TouchedBarcodes.Add(tube.Barcode);
        tube.Count++;
        if (PoolingRules.IsFull(tube.Count, tube.PoolSize))
        {
            Close(tube);
        }

        if (member is not null)
        {
            member.Samplings++;
            member.Outcome = SamplingOutcome.Pending;
            Bump(round.Id, member.PersonId, sampledAt);
            if (member.FirstSampledAt is null)
            {
                member.FirstSampledAt = sampledAt;
                AddTally(round.Id, member.JurisdictionId, Tallies.FirstSampling(member.Exemption is not null));
            }
        }
        else
        {
            unregisteredBefore[(round.Id, number!)] = before + 1;
        }

        return Answer(scan.ClientId, tube, sampling, person, warning) with { Unregistered = person is null };
    }

    public static ScanResult Answer(Guid? clientId, Tube tube, Sampling? sampling, PersonInfo? person, string? warning) =>
        new(clientId, ScanStatus.Accepted, Warning: warning, SamplingId: sampling?.Id, PersonId: person?.Id,
            PersonName: person?.Name ?? sampling?.Name, Tube: tube.Barcode, PoolSize: tube.PoolSize, TubeCount: tube.Count,
            TubeClosed: tube.Status == TubeStatus.Closed);

    /// <summary>One audit line per job: samplings are their own append-only record, the line says who sent what.</summary>
    public void AuditJob(SamplingIngest.Job job, RoundInfo round, List<ScanResult> results)
    {
        var accepted = results.Where(r => r.Status == ScanStatus.Accepted).ToList();
        if (accepted.Count == 0)
        {
            return;
        }

        AuditLines.Add(new AuditEntry
        {
            At = Now,
            UserId = job.SamplerId,
            UserName = job.SamplerName,
            Entity = nameof(Sampling),
            EntityId = "Ingest",
            Action = AuditAction.Bulk,
            Changes = JsonSerializer.Serialize(new
            {
                RoundId = round.Id,
                Samplings = accepted.Count(r => r.SamplingId is not null),
                Tubes = accepted.Select(r => r.Tube).Distinct().Count(),
                Refused = results.Count(r => r.Status == ScanStatus.Refused),
            }, AuditLog.Json),
            JurisdictionId = round.JurisdictionId,
        });
    }

    /// <summary>The keys whose rows this batch's write changes: what a batch read before it committed must read again.</summary>
    public sealed record Touch(HashSet<Guid> ClientIds, HashSet<string> Barcodes, HashSet<(Guid RoundId, Guid PersonId)> Members,
        HashSet<(Guid RoundId, string IdNumber)> Unregistered);

    public Touch Touched() => new(
        NewSamplings.Select(s => s.ClientId).ToHashSet(),
        TouchedBarcodes,
        Bumps.SelectMany(r => r.Value.Keys.Select(p => (r.Key, p))).ToHashSet(),
        NewSamplings.Where(s => s.PersonId is null && s.IdNumber is not null).Select(s => (s.RoundId, s.IdNumber!)).ToHashSet());

    private void Bump(Guid roundId, Guid personId, DateTime sampledAt)
    {
        if (!Bumps.TryGetValue(roundId, out var perPerson))
        {
            Bumps[roundId] = perPerson = [];
        }

        perPerson[personId] = perPerson.TryGetValue(personId, out var bump)
            ? bump with { Count = bump.Count + 1, First = Min(bump.First, sampledAt) }
            : new MemberBumps.Bump(personId, 1, sampledAt);
    }

    private void AddTally(Guid roundId, Guid node, Tallies.Delta delta)
    {
        if (!TallyDeltas.TryGetValue(roundId, out var perNode))
        {
            TallyDeltas[roundId] = perNode = [];
        }

        perNode[node] = perNode.GetValueOrDefault(node) + delta;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static string? Trim(string? s, int max) =>
        string.IsNullOrWhiteSpace(s) ? null : s.Trim().Length > max ? s.Trim()[..max] : s.Trim();
}
