using GridGuard.Features.Households;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridGuard.Features.MassTesting.Exemptions;

/// <summary>
/// DELETE /api/testing-rounds/{roundId}/exemptions/{personId}: lifts a member's exemption (the person is back in the
/// expected population). Tracked and audited like recording; the node's tally moves by
/// <see cref="Tallies.Exemption"/>(-1) in the same transaction. 404 when not a member in scope; 403 for other roles;
/// 400 when the member is not exempt or the round is closed.
/// </summary>
public static class LiftExemption
{
    public static RouteGroupBuilder MapLiftExemption(this RouteGroupBuilder group)
    {
        group.MapDelete("/{roundId:guid}/exemptions/{personId:guid}", HandleAsync)
            .WithName("LiftExemption")
            .WithSummary("解除免检（恢复为应检人员）");
        return group;
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> HandleAsync(Guid roundId, Guid personId,
        AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, roundId, personId, ct);
        return result.Status switch
        {
            RegistryStatus.Ok => TypedResults.NoContent(),
            RegistryStatus.NotFound => TypedResults.NotFound(),
            _ => result.ToProblem(),
        };
    }

    public static async Task<RegistryResult> ExecuteAsync(AppDbContext db, CurrentUser me, Guid roundId, Guid personId,
        CancellationToken ct)
    {
        var member = await RecordExemption.MemberAsync(db, me, roundId, personId, ct);
        if (member is null)
        {
            return RegistryResult.NotFound();
        }

        if (!me.HoldsAt(member.Jurisdiction!.Path, MassTestingText.Exempters))
        {
            return RegistryResult.Forbidden("您的岗位无权为该人员解除免检");
        }

        if (!await RecordExemption.IsOpenAsync(db, roundId, ct))
        {
            return RegistryResult.Invalid("Kind", "免检类型：本轮筛查已结束，不能再解除免检");
        }

        if (member.Exemption is null)
        {
            return RegistryResult.Invalid("Kind", "免检类型：该人员未登记免检");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        member.Exemption = null;
        member.ExemptionReason = null;
        member.ExemptedById = null;
        member.ExemptedAt = null;
        await db.SaveChangesAsync(ct);
        await Tallies.ApplyAsync(db, roundId, member.JurisdictionId, Tallies.Exemption(-1, sampled: member.FirstSampledAt != null), ct);
        await tx.CommitAsync(ct);
        return RegistryResult.Ok(member.PersonId);
    }
}
