using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Policies.RiskAreas;

/// <summary>
/// DELETE /api/risk-areas/{id}: county staff remove an area entered by mistake (a lifted area is ended, not deleted).
/// The audit interceptor keeps the deleted row's values.
/// </summary>
public static class DeleteRiskArea
{
    public static RouteGroupBuilder MapDeleteRiskArea(this RouteGroupBuilder group)
    {
        group.MapDelete("/{id:guid}", HandleAsync).WithName("DeleteRiskArea").WithSummary("删除误录的风险地区（县指挥部，记入操作日志）");
        return group;
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> HandleAsync(Guid id, AppDbContext db, CurrentUser me,
        CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, id, ct);
        return result.Status switch
        {
            RiskAreaStatus.Ok => TypedResults.NoContent(),
            RiskAreaStatus.NotFound => TypedResults.NotFound(),
            _ => result.ForbiddenProblem(),
        };
    }

    public static async Task<RiskAreaResult<Guid>> ExecuteAsync(AppDbContext db, CurrentUser me, Guid id, CancellationToken ct)
    {
        if (!RiskAreaRules.CanEdit(me))
        {
            return RiskAreaResult.Forbidden<Guid>();
        }

        var area = await db.RiskAreas.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (area is null)
        {
            return RiskAreaResult.NotFound<Guid>();
        }

        db.RiskAreas.Remove(area);
        await db.SaveChangesAsync(ct);
        return RiskAreaResult.Ok<Guid>(id);
    }
}
