using GridGuard.Features.Policies.RiskAreas;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Policies.Versions;

/// <summary>
/// POST /api/policies/{id}/withdraw and /reinstate: county staff take a version out of force (it is kept, and is never
/// chosen as the policy in force) or put it back. The interceptor audits the change.
/// </summary>
public static class SetPolicyActive
{
    public static RouteGroupBuilder MapSetPolicyActive(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/withdraw", (Guid id, AppDbContext db, CurrentUser me, CancellationToken ct) => HandleAsync(id, false, db, me, ct))
            .WithName("WithdrawPolicy").WithSummary("撤回管控规则的一个版本（保留记录，不再生效；县指挥部）");
        group.MapPost("/{id:guid}/reinstate", (Guid id, AppDbContext db, CurrentUser me, CancellationToken ct) => HandleAsync(id, true, db, me, ct))
            .WithName("ReinstatePolicy").WithSummary("恢复已撤回的版本（县指挥部）");
        return group;
    }

    public static async Task<Results<Ok<GetPolicy.Detail>, NotFound, ProblemHttpResult>> HandleAsync(Guid id, bool active,
        AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, id, active, ct);
        return result.Status switch
        {
            RiskAreaStatus.Ok => TypedResults.Ok(result.Value),
            RiskAreaStatus.NotFound => TypedResults.NotFound(),
            _ => result.ForbiddenProblem(),
        };
    }

    public static async Task<RiskAreaResult<GetPolicy.Detail>> ExecuteAsync(AppDbContext db, CurrentUser me, Guid id, bool active,
        CancellationToken ct)
    {
        if (!RiskAreaRules.CanEdit(me))
        {
            return RiskAreaResult.Forbidden<GetPolicy.Detail>();
        }

        var row = await db.Policies.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (row is null)
        {
            return RiskAreaResult.NotFound<GetPolicy.Detail>();
        }

        if (row.IsActive != active)
        {
            row.IsActive = active;
            await db.SaveChangesAsync(ct);
        }

        return RiskAreaResult.Ok((await GetPolicy.LoadAsync(db, id, ct))!);
    }
}
