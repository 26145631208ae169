using GridGuard.Features.Canvassing;
using GridGuard.Features.Canvassing.Tips;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.ControlPlans.Arrivals;

/// <summary>GET /api/arrivals?status=&amp;page=&amp;pageSize=: reports in the user's scope (staff roles), newest first, paged; status New or Planned.</summary>
public static class ListArrivals
{
    public sealed record Row(Guid Id, string Reference, string Name, string JurisdictionName, string FromPlaceName, DateOnly ArrivedOn,
        string Status, string StatusLabel, DateTime CreatedAt);

    public static RouteGroupBuilder MapListArrivals(this RouteGroupBuilder group)
    {
        group.MapGet("/", HandleAsync).WithName("ListArrivals").WithSummary("返乡报备列表（本人辖区；按状态筛选，最新在前，分页）");
        return group;
    }

    public static async Task<Results<Ok<Paged<Row>>, ValidationProblem>> HandleAsync(string? status, int? page, int? pageSize,
        AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        ArrivalStatus? s = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Fields.TryParse(status, PlanText.Label, out ArrivalStatus parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["status"] = [$"状态：“{status}”无效，应为 {CanvassingLabels.Names<ArrivalStatus>()} 之一"],
                }, title: "筛选条件有误");
            }

            s = parsed;
        }

        return TypedResults.Ok(await LoadAsync(db, me, s, page, pageSize, ct));
    }

    public static async Task<Paged<Row>> LoadAsync(AppDbContext db, CurrentUser me, ArrivalStatus? status, int? page, int? pageSize,
        CancellationToken ct)
    {
        var query = db.ArrivalReports.AsNoTracking().InScopeOf(me, PlanText.Staff);
        if (status is { } s)
        {
            query = query.Where(r => r.Status == s);
        }

        var (p, size) = Paging.Normalize(page, pageSize);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Skip((p - 1) * size).Take(size)
            .Select(r => new { r.Id, r.Name, JurisdictionName = r.Jurisdiction!.Name, r.FromPlaceName, r.ArrivedOn, r.Status, r.CreatedAt })
            .ToListAsync(ct);
        return new Paged<Row>([.. rows.Select(r => new Row(r.Id, TipReference.Of(r.Id), r.Name, r.JurisdictionName, r.FromPlaceName,
            r.ArrivedOn, r.Status.ToString(), r.Status.Label(), r.CreatedAt))], total, p, size);
    }
}
