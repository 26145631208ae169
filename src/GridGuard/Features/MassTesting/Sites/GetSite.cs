using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Sites;

/// <summary>
/// GET /api/testing-rounds/{roundId}/sites/{siteId}: a site with its timetable (slots by start, times in county time).
/// 404 when the round or the site is outside the user's scope.
/// </summary>
public static class GetSite
{
    public sealed record Slot(Guid Id, Guid GridId, string GridName, string? ParentName, DateTime StartsAt, DateTime EndsAt);

    public sealed record Response(Guid Id, Guid RoundId, string RoundName, RoundStatus RoundStatus, string Name,
        string Address, Guid JurisdictionId, string NodeName, TimeOnly Opens, TimeOnly Closes, int Lanes, string? Staff,
        DateTime RoundStartsAt, DateTime RoundEndsAt, bool CanOrganise, IReadOnlyList<Slot> Slots);

    public static RouteGroupBuilder MapGetSite(this RouteGroupBuilder group)
    {
        group.MapGet("/{roundId:guid}/sites/{siteId:guid}", HandleAsync)
            .WithName("GetSamplingSite")
            .WithSummary("采样点详情及其时间表（本县时间）");
        return group;
    }

    public static async Task<Results<Ok<Response>, NotFound>> HandleAsync(Guid roundId, Guid siteId, AppDbContext db,
        CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var site = await LoadAsync(db, me, clock, roundId, siteId, ct);
        return site is null ? TypedResults.NotFound() : TypedResults.Ok(site);
    }

    /// <summary>Shared with the pages and the export. Null when the round or site is unknown or outside scope.</summary>
    public static async Task<Response?> LoadAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid roundId,
        Guid siteId, CancellationToken ct)
    {
        var round = await SiteInput.RoundAsync(db, me, roundId, ct);
        if (round is null)
        {
            return null;
        }

        var site = await db.SamplingSites.AsNoTracking().InScopeOf(me).Where(s => s.Id == siteId && s.RoundId == roundId)
            .Select(s => new { s.Id, s.Name, s.Address, s.JurisdictionId, NodeName = s.Jurisdiction!.Name, s.Opens, s.Closes, s.Lanes, s.Staff })
            .FirstOrDefaultAsync(ct);
        if (site is null)
        {
            return null;
        }

        var slots = await db.SamplingSlots.AsNoTracking().Where(x => x.SiteId == siteId)
            .OrderBy(x => x.StartsAt).ThenBy(x => x.Id)
            .Select(x => new { x.Id, x.GridId, GridName = x.Grid!.Name, ParentName = x.Grid.Parent!.Name, x.StartsAt, x.EndsAt })
            .ToListAsync(ct);
        return new Response(site.Id, round.Id, round.Name, round.Status, site.Name, site.Address, site.JurisdictionId,
            site.NodeName, site.Opens, site.Closes, site.Lanes, site.Staff, clock.ToLocal(round.StartsAt),
            clock.ToLocal(round.EndsAt), SiteInput.CanOrganise(me, round),
            slots.Select(x => new Slot(x.Id, x.GridId, x.GridName, x.ParentName, clock.ToLocal(x.StartsAt), clock.ToLocal(x.EndsAt))).ToList());
    }
}
