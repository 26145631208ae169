using GridGuard.Features.Households;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Sites;

/// <summary>
/// DELETE /api/testing-rounds/{roundId}/sites/{siteId}/slots/{slotId}: removes a line of the timetable (tracked, so the
/// removal is audited under the site). 404 outside scope, 403 for non-organisers.
/// </summary>
public static class RemoveSlot
{
    public static RouteGroupBuilder MapRemoveSlot(this RouteGroupBuilder group)
    {
        group.MapDelete("/{roundId:guid}/sites/{siteId:guid}/slots/{slotId:guid}", HandleAsync)
            .WithName("RemoveSamplingSlot")
            .WithSummary("删除时间表中的一个时段");
        return group;
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> HandleAsync(Guid roundId, Guid siteId,
        Guid slotId, AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, roundId, siteId, slotId, ct);
        return result.Status switch
        {
            RegistryStatus.Ok => TypedResults.NoContent(),
            RegistryStatus.NotFound => TypedResults.NotFound(),
            _ => result.ToProblem(),
        };
    }

    public static async Task<RegistryResult> ExecuteAsync(AppDbContext db, CurrentUser me, Guid roundId, Guid siteId,
        Guid slotId, CancellationToken ct)
    {
        var round = await SiteInput.RoundAsync(db, me, roundId, ct);
        var slot = round is null
            ? null
            : await db.SamplingSlots.FirstOrDefaultAsync(x => x.Id == slotId && x.SiteId == siteId
                && db.SamplingSites.Any(s => s.Id == siteId && s.RoundId == roundId), ct);
        if (round is null || slot is null)
        {
            return RegistryResult.NotFound();
        }

        if (!SiteInput.CanOrganise(me, round))
        {
            return RegistryResult.Forbidden(SiteInput.ForbiddenMessage);
        }

        db.SamplingSlots.Remove(slot);
        await db.SaveChangesAsync(ct);
        return RegistryResult.Ok(slot.Id);
    }
}
