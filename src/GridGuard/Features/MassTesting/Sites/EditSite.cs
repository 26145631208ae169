using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Sites;

/// <summary>
/// PUT /api/testing-rounds/{roundId}/sites/{siteId}: changes a site's name, address, node, opening hours, lanes and staff.
/// New opening hours may not leave slots of its timetable outside them. 404 outside scope, 403 for non-organisers.
/// </summary>
public static class EditSite
{
    public static RouteGroupBuilder MapEditSite(this RouteGroupBuilder group)
    {
        group.MapPut("/{roundId:guid}/sites/{siteId:guid}", HandleAsync)
            .WithName("EditSamplingSite")
            .WithSummary("修改采样点（已排时段须仍在开放时间内）");
        return group;
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> HandleAsync(Guid roundId, Guid siteId,
        SamplingSiteForm request, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, roundId, siteId, request, ct);
        return result.Status switch
        {
            RegistryStatus.Ok => TypedResults.NoContent(),
            RegistryStatus.NotFound => TypedResults.NotFound(),
            _ => result.ToProblem(),
        };
    }

    public static async Task<RegistryResult> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid roundId,
        Guid siteId, SamplingSiteForm form, CancellationToken ct)
    {
        var round = await SiteInput.RoundAsync(db, me, roundId, ct);
        var site = round is null ? null : await db.SamplingSites.FirstOrDefaultAsync(s => s.Id == siteId && s.RoundId == roundId, ct);
        if (round is null || site is null)
        {
            return RegistryResult.NotFound();
        }

        if (!SiteInput.CanOrganise(me, round))
        {
            return RegistryResult.Forbidden(SiteInput.ForbiddenMessage);
        }

        var (values, errors) = await SiteInput.CheckAsync(db, clock, round, form, exceptSiteId: siteId, ct);
        if (values is null)
        {
            return RegistryResult.Invalid(errors!);
        }

        site.Name = values.Name;
        site.Address = values.Address;
        site.JurisdictionId = values.Node.Id;
        site.Opens = values.Opens;
        site.Closes = values.Closes;
        site.Lanes = values.Lanes;
        site.Staff = values.Staff;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return RegistryResult.Invalid("Name", SiteInput.DuplicateName(values.Name));
        }

        return RegistryResult.Ok(site.Id);
    }
}
