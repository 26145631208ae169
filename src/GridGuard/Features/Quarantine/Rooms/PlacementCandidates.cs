using GridGuard.Features.ControlPlans;
using GridGuard.Features.Households;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Quarantine.Rooms;

/// <summary>
/// GET /api/quarantine-sites/{id}/candidates?q=: people who may be placed in the site: in the user's scope, under an
/// Active control plan, not placed anywhere now; by name (starting with q), at most 200. 404 outside scope.
/// </summary>
public static class PlacementCandidates
{
    public const int MaxItems = 200;

    public sealed record Candidate(Guid PersonId, string Name, string? IdNumberMasked, string NodeName, Guid ControlPlanId);

    public static RouteGroupBuilder MapPlacementCandidates(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/candidates", HandleAsync)
            .WithName("ListPlacementCandidates")
            .WithSummary("可安排入住的人员（本人辖区内、管控计划生效中、当前未入住任何隔离点）");
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<Candidate>>, NotFound>> HandleAsync(Guid id, string? q,
        AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        if (!await db.QuarantineSites.AsNoTracking().InScopeOf(me).AnyAsync(s => s.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await LoadAsync(db, me, q, ct));
    }

    public static async Task<IReadOnlyList<Candidate>> LoadAsync(AppDbContext db, CurrentUser me, string? q,
        CancellationToken ct)
    {
        var prefix = q?.Trim() ?? "";
        var plans = db.ControlPlans.AsNoTracking().Where(p => p.Status == PlanStatus.Active);
        var placed = db.RoomAssignments.Where(a => a.CheckedOutAt == null).Select(a => a.PersonId);
        var persons = db.Persons.AsNoTracking().InScopeOf(me).Where(p => !placed.Contains(p.Id));
        if (prefix.Length > 0)
        {
            persons = persons.Where(p => p.Name.StartsWith(prefix));
        }

        var rows = await persons
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.IdNumber,
                NodeName = p.Jurisdiction!.Name,
                PlanId = plans.Where(x => x.PersonId == p.Id).OrderByDescending(x => x.CreatedAt).Select(x => (Guid?)x.Id).FirstOrDefault(),
            })
            .Where(p => p.PlanId != null)
            .OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Take(MaxItems)
            .ToListAsync(ct);
        return rows.Select(r => new Candidate(r.Id, r.Name, IdNumbers.Mask(r.IdNumber), r.NodeName, r.PlanId!.Value)).ToList();
    }
}
