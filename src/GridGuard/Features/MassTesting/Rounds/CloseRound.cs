using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Rounds;

/// <summary>
/// POST /api/testing-rounds/{id}/close: ends a round (结束本轮). No tube can be opened and nobody sampled in it any more;
/// lab results still come in. Organisers at or above the round's node; audited. Closing a closed round changes nothing.
/// </summary>
public static class CloseRound
{
    public static RouteGroupBuilder MapCloseRound(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/close", HandleAsync).WithName("CloseTestingRound")
            .WithSummary("结束本轮筛查（此后不能再开管、采样；检测结果仍可录入）");
        return group;
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> HandleAsync(Guid id, AppDbContext db, CurrentUser me,
        CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, id, ct);
        return result.Status switch
        {
            RegistryStatus.Ok => TypedResults.NoContent(),
            RegistryStatus.NotFound => TypedResults.NotFound(),
            _ => result.ToProblem(),
        };
    }

    public static async Task<RegistryResult> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid id, CancellationToken ct)
    {
        var view = await RoundAccess.VisibleAsync(db, me, id, ct);
        if (view is null)
        {
            return RegistryResult.NotFound();
        }

        if (!me.HoldsAt(view.Path, MassTestingText.Organisers))
        {
            return RegistryResult.Forbidden("只有组织本轮筛查的乡镇（街道）或县级人员可以结束本轮");
        }

        var round = await db.MassTestingRounds.Include(r => r.Jurisdiction).SingleAsync(r => r.Id == id, ct);
        if (round.Status == RoundStatus.Open)
        {
            round.Status = RoundStatus.Closed;
            round.ClosedAt = clock.UtcNow;
            await db.SaveChangesAsync(ct);
        }

        return RegistryResult.Ok(id);
    }
}
