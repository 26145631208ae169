using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using FieldErrors = GridGuard.Features.Households.FieldErrors;

namespace GridGuard.Features.Policies.RiskAreas;

/// <summary>
/// POST /api/risk-areas/{id}/end {"to": "yyyy-MM-dd"}: county staff lift a risk area. To is exclusive (the first day
/// it no longer applies); left out, it is today. It must be after the start date.
/// </summary>
public static class EndRiskArea
{
    public sealed class Request
    {
        public DateOnly? To { get; set; }
    }

    public static RouteGroupBuilder MapEndRiskArea(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/end", HandleAsync).WithName("EndRiskArea").WithSummary("解除风险地区（设置结束日期，县指挥部）");
        return group;
    }

    public static async Task<Results<Ok<ListRiskAreas.Row>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(Guid id,
        Request request, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, id, request, ct);
        return result.Status switch
        {
            RiskAreaStatus.Ok => TypedResults.Ok(result.Value),
            RiskAreaStatus.Invalid => result.InvalidProblem("结束日期有误"),
            RiskAreaStatus.NotFound => TypedResults.NotFound(),
            _ => result.ForbiddenProblem(),
        };
    }

    public static async Task<RiskAreaResult<ListRiskAreas.Row>> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock,
        Guid id, Request request, CancellationToken ct)
    {
        if (!RiskAreaRules.CanEdit(me))
        {
            return RiskAreaResult.Forbidden<ListRiskAreas.Row>();
        }

        var area = await db.RiskAreas.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (area is null)
        {
            return RiskAreaResult.NotFound<ListRiskAreas.Row>();
        }

        var to = request.To ?? clock.Today;
        if (to <= area.From)
        {
            var errors = new FieldErrors();
            errors.Add(nameof(Request.To), RiskAreaRules.PeriodMessage);
            return RiskAreaResult.Invalid<ListRiskAreas.Row>(errors);
        }

        if (area.To != to)
        {
            area.To = to;
            area.UpdatedAt = clock.UtcNow;
            await db.SaveChangesAsync(ct);
        }

        return RiskAreaResult.Ok<ListRiskAreas.Row>(ListRiskAreas.ToRow(area, clock.Today));
    }
}
