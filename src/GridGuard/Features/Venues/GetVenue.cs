using GridGuard.Features.Households;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Venues;

/// <summary>GET /api/venues/{id}: one venue with its place in the tree (village › … › grid). 404 outside scope.</summary>
public static class GetVenue
{
    public sealed record Response(Guid Id, string Name, VenueKind Kind, string KindLabel, Guid JurisdictionId,
        string GridName, IReadOnlyList<GetHousehold.Place> Places, string? Address, string ResponsibleName,
        string? ResponsiblePhone, int NonLocalStaff, bool IsActive, string StatusLabel, DateTime CreatedAt,
        DateTime UpdatedAt, bool CanEdit);

    public static RouteGroupBuilder MapGetVenue(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", HandleAsync)
            .WithName("GetVenue")
            .WithSummary("重点场所详情（所在网格、类型、负责人、外地员工数、状态）");
        return group;
    }

    public static async Task<Results<Ok<Response>, NotFound>> HandleAsync(Guid id, AppDbContext db, CurrentUser me,
        CancellationToken ct)
    {
        var result = await LoadAsync(db, me, id, ct);
        return result is null ? TypedResults.NotFound() : TypedResults.Ok(result);
    }

    /// <summary>Shared with the pages. Null when the venue does not exist or lies outside the user's scope.</summary>
    public static async Task<Response?> LoadAsync(AppDbContext db, CurrentUser me, Guid id, CancellationToken ct)
    {
        var v = await db.Venues.AsNoTracking().InScopeOf(me)
            .Where(x => x.Id == id)
            .Select(x => new
            {
                x.Id,
                x.Name,
                x.Kind,
                x.JurisdictionId,
                GridName = x.Jurisdiction!.Name,
                x.Jurisdiction.Path,
                x.Address,
                x.ResponsibleName,
                x.ResponsiblePhone,
                x.NonLocalStaff,
                x.IsActive,
                x.CreatedAt,
                x.UpdatedAt,
            })
            .FirstOrDefaultAsync(ct);
        if (v is null)
        {
            return null;
        }

        var places = await GetHousehold.PlacesAsync(db, v.Path, ct);
        return new Response(v.Id, v.Name, v.Kind, v.Kind.Label(), v.JurisdictionId, v.GridName, places, v.Address,
            v.ResponsibleName, v.ResponsiblePhone, v.NonLocalStaff, v.IsActive, VenueText.StatusLabel(v.IsActive),
            v.CreatedAt, v.UpdatedAt, me.HoldsAt(v.Path, RoleNames.RegistryEditors));
    }
}
