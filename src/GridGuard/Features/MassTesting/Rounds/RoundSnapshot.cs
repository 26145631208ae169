using GridGuard.Features.Households;
using GridGuard.Features.Monitoring;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Rounds;

/// <summary>
/// Takes a <see cref="RoundStatus.Preparing"/> round's expected population, in one transaction: every active person whose
/// household is in the subtree now becomes a <see cref="RoundMember"/>, the members are counted per node into
/// <see cref="RoundTally"/> rows, every SemiDependent or Dialysis member gets a home-sampling task (入户采样, due at the
/// window's end), and the round opens. Over a million persons this takes a minute (foreign-key checks and index upkeep
/// per row), so <see cref="RoundSnapshotWorker"/> runs it in the background (ADR 10). Runs at most once per round: a round
/// that is no longer preparing is left alone.
/// </summary>
public static class RoundSnapshot
{
    public static async Task<OpenRound.Opened?> RunAsync(AppDbContext db, Guid roundId, DateTime now, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var round = await db.MassTestingRounds.AsTracking().Include(r => r.Jurisdiction)
            .FirstOrDefaultAsync(r => r.Id == roundId && r.Status == RoundStatus.Preparing, ct);
        if (round is null)
        {
            return null;
        }

        var pending = nameof(SamplingOutcome.Pending);
        var active = nameof(PersonStatus.Active);
        var like = round.Jurisdiction!.Path + "%";
        round.Population = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "RoundMembers" ("RoundId", "PersonId", "JurisdictionId", "Samplings", "Outcome")
            SELECT {round.Id}, p."Id", h."JurisdictionId", 0, {pending}
            FROM "Persons" p
            JOIN "Households" h ON h."Id" = p."HouseholdId"
            JOIN "Jurisdictions" j ON j."Id" = h."JurisdictionId"
            WHERE p."Status" = {active} AND j."Path" LIKE {like}
            """, ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "RoundTallies" ("RoundId", "JurisdictionId", "Expected", "Exempt", "Sampled", "SampledExempt")
            SELECT m."RoundId", m."JurisdictionId", COUNT(*), 0, 0, 0
            FROM "RoundMembers" m WHERE m."RoundId" = {round.Id}
            GROUP BY m."RoundId", m."JurisdictionId"
            """, ct);

        var homeGroups = new[] { VulnerableGroup.SemiDependent, VulnerableGroup.Dialysis };
        var home = await db.RoundMembers.AsNoTracking()
            .Where(m => m.RoundId == round.Id && db.PersonVulnerableGroups.Any(g => g.PersonId == m.PersonId && homeGroups.Contains(g.Group)))
            .Select(m => new { m.PersonId, m.JurisdictionId, StewardId = m.Person!.Household!.StewardId })
            .ToListAsync(ct);
        db.WorkTasks.AddRange(home.Select(m => new WorkTask
        {
            Kind = WorkTaskKind.HomeSampling,
            Priority = WorkTask.PriorityOf(WorkTaskKind.HomeSampling),
            Key = $"HomeSampling:{round.Id:N}:{m.PersonId:N}",
            JurisdictionId = m.JurisdictionId,
            PersonId = m.PersonId,
            RoundId = round.Id,
            StewardId = m.StewardId,
            DueAt = round.EndsAt,
            Status = WorkTaskStatus.Open,
            CreatedAt = now,
        }));
        round.Status = RoundStatus.Open;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new OpenRound.Opened(round.Id, round.Population, home.Count, nameof(RoundStatus.Open));
    }
}
