using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Venues;

/// <summary>
/// POST /api/venues: registers a venue (重点场所) in a grid of the user's scope where they hold a registry-editor role.
/// A grid has at most one venue of a name (the import identifies venues by grid + name).
/// </summary>
public static class RegisterVenue
{
    public sealed record Created(Guid Id);

    public static RouteGroupBuilder MapRegisterVenue(this RouteGroupBuilder group)
    {
        group.MapPost("/", HandleAsync)
            .WithName("RegisterVenue")
            .WithSummary("登记重点场所（网格须在本人辖区内且本人可登记；名称、类型、负责人必填）");
        return group;
    }

    public static async Task<Results<Created<Created>, ProblemHttpResult>> HandleAsync(
        VenueForm request, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, request, ct);
        return result.Status == RegistryStatus.Ok
            ? TypedResults.Created($"/api/venues/{result.Id}", new Created(result.Id!.Value))
            : result.ToProblem();
    }

    public static async Task<RegistryResult> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock,
        VenueForm form, CancellationToken ct)
    {
        var (values, failure) = await VenueInput.CheckAsync(db, me, form, exceptVenueId: null, ct);
        if (values is null)
        {
            return failure!;
        }

        var now = clock.UtcNow;
        var venue = new Venue
        {
            Name = values.Name,
            Kind = values.Kind,
            JurisdictionId = values.Grid.Id,
            Address = values.Address,
            ResponsibleName = values.ResponsibleName,
            ResponsiblePhone = values.ResponsiblePhone,
            NonLocalStaff = values.NonLocalStaff,
            IsActive = true,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Venues.Add(venue);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Lost a race with another register of the same name in the grid: the unique index kept one.
            return RegistryResult.Invalid("Name", VenueInput.DuplicateName(values.Grid.Name, values.Name));
        }

        return RegistryResult.Ok(venue.Id);
    }
}
