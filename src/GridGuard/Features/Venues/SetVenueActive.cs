using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Venues;

/// <summary>
/// POST /api/venues/{id}/deactivate and /reactivate: a venue that closes is kept (停用), not deleted, and can be
/// taken up again. The change is audited by the interceptor. 404 outside scope; 403 for a role that may not edit.
/// </summary>
public static class SetVenueActive
{
    public static RouteGroupBuilder MapSetVenueActive(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/deactivate", (Guid id, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct) =>
                HandleAsync(id, false, db, me, clock, ct))
            .WithName("DeactivateVenue")
            .WithSummary("停用重点场所（记录保留，可重新启用）");
        group.MapPost("/{id:guid}/reactivate", (Guid id, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct) =>
                HandleAsync(id, true, db, me, clock, ct))
            .WithName("ReactivateVenue")
            .WithSummary("重新启用已停用的重点场所");
        return group;
    }

    public static async Task<Results<Ok<GetVenue.Response>, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, bool active, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, id, active, ct);
        return result.Status switch
        {
            RegistryStatus.Ok => TypedResults.Ok((await GetVenue.LoadAsync(db, me, id, ct))!),
            RegistryStatus.NotFound => TypedResults.NotFound(),
            _ => result.ToProblem(),
        };
    }

    /// <summary>Sets the venue active or inactive; setting the state it already has changes nothing.</summary>
    public static async Task<RegistryResult> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid id,
        bool active, CancellationToken ct)
    {
        var venue = await db.Venues.InScopeOf(me).Include(v => v.Jurisdiction).FirstOrDefaultAsync(v => v.Id == id, ct);
        if (venue is null)
        {
            return RegistryResult.NotFound();
        }

        if (!me.HoldsAt(venue.Jurisdiction!.Path, RoleNames.RegistryEditors))
        {
            return RegistryResult.Forbidden(active ? "您的岗位无权启用该场所" : "您的岗位无权停用该场所");
        }

        if (venue.IsActive != active)
        {
            venue.IsActive = active;
            venue.UpdatedAt = clock.UtcNow;
            await db.SaveChangesAsync(ct);
        }

        return RegistryResult.Ok(venue.Id);
    }
}
