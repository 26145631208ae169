using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Venues;

/// <summary>
/// PUT /api/venues/{id}: replaces a venue's grid, name, kind, address, responsible person, phone and non-local staff.
/// 404 outside the user's scope; 403 where they may not edit (registry editors at the venue's grid, and at the new
/// grid if it moves). Each changed field is audited by the interceptor.
/// </summary>
public static class EditVenue
{
    public static RouteGroupBuilder MapEditVenue(this RouteGroupBuilder group)
    {
        group.MapPut("/{id:guid}", HandleAsync)
            .WithName("EditVenue")
            .WithSummary("修改重点场所（全部字段一并提交；按字段记入操作日志）");
        return group;
    }

    public static async Task<Results<Ok<GetVenue.Response>, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, VenueForm request, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, id, request, ct);
        return result.Status switch
        {
            RegistryStatus.Ok => TypedResults.Ok((await GetVenue.LoadAsync(db, me, id, ct))!),
            RegistryStatus.NotFound => TypedResults.NotFound(),
            _ => result.ToProblem(),
        };
    }

    public static async Task<RegistryResult> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid id,
        VenueForm form, CancellationToken ct)
    {
        var venue = await db.Venues.InScopeOf(me).Include(v => v.Jurisdiction).FirstOrDefaultAsync(v => v.Id == id, ct);
        if (venue is null)
        {
            return RegistryResult.NotFound();
        }

        if (!me.HoldsAt(venue.Jurisdiction!.Path, RoleNames.RegistryEditors))
        {
            return RegistryResult.Forbidden("您的岗位无权修改该场所");
        }

        var (values, failure) = await VenueInput.CheckAsync(db, me, form, venue.Id, ct);
        if (values is null)
        {
            return failure!;
        }

        venue.JurisdictionId = values.Grid.Id;
        venue.Name = values.Name;
        venue.Kind = values.Kind;
        venue.Address = values.Address;
        venue.ResponsibleName = values.ResponsibleName;
        venue.ResponsiblePhone = values.ResponsiblePhone;
        venue.NonLocalStaff = values.NonLocalStaff;
        if (db.ChangeTracker.HasChanges())
        {
            venue.UpdatedAt = clock.UtcNow;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                return RegistryResult.Invalid("Name", VenueInput.DuplicateName(values.Grid.Name, values.Name));
            }
        }

        return RegistryResult.Ok(venue.Id);
    }
}
