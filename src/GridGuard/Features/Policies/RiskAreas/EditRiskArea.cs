using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using FieldErrors = GridGuard.Features.Households.FieldErrors;

namespace GridGuard.Features.Policies.RiskAreas;

/// <summary>PUT /api/risk-areas/{id}: county staff correct a risk area (every field; the interceptor audits the change).</summary>
public static class EditRiskArea
{
    public static RouteGroupBuilder MapEditRiskArea(this RouteGroupBuilder group)
    {
        group.MapPut("/{id:guid}", HandleAsync).WithName("EditRiskArea").WithSummary("修改风险地区（县指挥部）");
        return group;
    }

    public static async Task<Results<Ok<ListRiskAreas.Row>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(Guid id,
        RiskAreaInput request, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, id, request, ct);
        return result.Status switch
        {
            RiskAreaStatus.Ok => TypedResults.Ok(result.Value),
            RiskAreaStatus.Invalid => result.InvalidProblem("风险地区有误"),
            RiskAreaStatus.NotFound => TypedResults.NotFound(),
            _ => result.ForbiddenProblem(),
        };
    }

    public static async Task<RiskAreaResult<ListRiskAreas.Row>> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock,
        Guid id, RiskAreaInput request, CancellationToken ct)
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

        var errors = new FieldErrors();
        var values = await RiskAreaRules.CheckAsync(request, db, errors, ct);
        if (values is null)
        {
            return RiskAreaResult.Invalid<ListRiskAreas.Row>(errors);
        }

        if (await CreateRiskArea.ExistsAsync(db, values, id, ct))
        {
            errors.Add(nameof(RiskAreaInput.From), CreateRiskArea.DuplicateMessage);
            return RiskAreaResult.Invalid<ListRiskAreas.Row>(errors);
        }

        RiskAreaRules.Apply(area, values);
        if (db.Entry(area).State == EntityState.Modified)
        {
            area.UpdatedAt = clock.UtcNow;
            await db.SaveChangesAsync(ct);
        }

        return RiskAreaResult.Ok<ListRiskAreas.Row>(ListRiskAreas.ToRow(area, clock.Today));
    }
}
