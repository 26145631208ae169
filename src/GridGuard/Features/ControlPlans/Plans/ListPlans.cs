using GridGuard.Features.Canvassing;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.ControlPlans.Plans;

/// <summary>
/// GET /api/plans?status=&amp;endingWithinDays=&amp;page=: plans in the user's scope (staff roles), newest first, paged;
/// by status, or "ending soon": active plans whose last day is within N days of today, soonest first.
/// </summary>
public static class ListPlans
{
    public sealed record Row(Guid Id, Guid PersonId, string PersonName, string JurisdictionName, string CategoryLabel, string? RuleId,
        bool ManualDecisionRequired, string Exception, DateOnly Anchor, DateOnly? EndsOn, string Status, string StatusLabel, DateTime CreatedAt);

    public static RouteGroupBuilder MapListPlans(this RouteGroupBuilder group)
    {
        group.MapGet("/", HandleAsync).WithName("ListPlans").WithSummary("管控计划列表（本人辖区；按状态筛选或即将结束，分页）");
        return group;
    }

    public static async Task<Results<Ok<Paged<Row>>, ValidationProblem>> HandleAsync(string? status, int? endingWithinDays, int? page,
        int? pageSize, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        PlanStatus? s = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Fields.TryParse(status, PlanText.Label, out PlanStatus parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["status"] = [$"状态：“{status}”无效，应为 {CanvassingLabels.Names<PlanStatus>()} 之一"],
                }, title: "筛选条件有误");
            }

            s = parsed;
        }

        return TypedResults.Ok(await LoadAsync(db, me, clock.Today, s, endingWithinDays, page, pageSize, ct));
    }

    public static async Task<Paged<Row>> LoadAsync(AppDbContext db, CurrentUser me, DateOnly today, PlanStatus? status, int? endingWithinDays,
        int? page, int? pageSize, CancellationToken ct)
    {
        var query = db.ControlPlans.AsNoTracking().InScopeOf(me, PlanText.Staff);
        if (status is { } s)
        {
            query = query.Where(p => p.Status == s);
        }

        IOrderedQueryable<ControlPlan> ordered;
        if (endingWithinDays is { } days and >= 0)
        {
            var last = today.AddDays(days);
            ordered = query.Where(p => p.Status == PlanStatus.Active && p.EndsOn != null && p.EndsOn >= today && p.EndsOn <= last)
                .OrderBy(p => p.EndsOn).ThenBy(p => p.Id);
        }
        else
        {
            ordered = query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id);
        }

        var (n, size) = Paging.Normalize(page, pageSize);
        var total = await ordered.CountAsync(ct);
        var rows = await ordered.Skip((n - 1) * size).Take(size)
            .Select(p => new
            {
                p.Id,
                p.PersonId,
                PersonName = p.Person!.Name,
                JurisdictionName = p.Jurisdiction!.Name,
                p.Category,
                p.RuleId,
                p.ManualDecisionRequired,
                p.Exception,
                p.Anchor,
                p.EndsOn,
                p.Status,
                p.CreatedAt,
            })
            .ToListAsync(ct);
        return new Paged<Row>([.. rows.Select(p => new Row(p.Id, p.PersonId, p.PersonName, p.JurisdictionName, p.Category.Label(), p.RuleId,
            p.ManualDecisionRequired, p.Exception.ToString(), p.Anchor, p.EndsOn, p.Status.ToString(), p.Status.Label(), p.CreatedAt))], total, n, size);
    }
}
