using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Sites;

/// <summary>
/// GET /api/testing-rounds/{roundId}/sites: the sites of a round by name, each with its opening hours, lanes and the
/// number of slots in its timetable. 404 when the round is outside the user's scope.
/// </summary>
public static class ListSites
{
    public const int MaxItems = 500;

    public sealed record Item(Guid Id, string Name, string Address, string NodeName, TimeOnly Opens, TimeOnly Closes,
        int Lanes, string? Staff, int Slots);

    public sealed record Response(Guid RoundId, string RoundName, string RoundNodeName, DateTime StartsAt, DateTime EndsAt,
        RoundStatus Status, bool CanOrganise, IReadOnlyList<Item> Items);

    public static RouteGroupBuilder MapListSites(this RouteGroupBuilder group)
    {
        group.MapGet("/{roundId:guid}/sites", HandleAsync)
            .WithName("ListSamplingSites")
            .WithSummary("本轮筛查的采样点列表（开放时间、通道数、已排时段数）");
        return group;
    }

    public static async Task<Results<Ok<Response>, NotFound>> HandleAsync(Guid roundId, AppDbContext db, CurrentUser me,
        CountyClock clock, CancellationToken ct)
    {
        var result = await RunAsync(db, me, clock, roundId, ct);
        return result is null ? TypedResults.NotFound() : TypedResults.Ok(result);
    }

    /// <summary>Shared with the page. Null when the round is unknown or outside the user's scope.</summary>
    public static async Task<Response?> RunAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid roundId,
        CancellationToken ct)
    {
        var round = await SiteInput.RoundAsync(db, me, roundId, ct);
        if (round is null)
        {
            return null;
        }

        var items = await db.SamplingSites.AsNoTracking().InScopeOf(me).Where(s => s.RoundId == roundId)
            .OrderBy(s => s.Name).ThenBy(s => s.Id).Take(MaxItems)
            .Select(s => new Item(s.Id, s.Name, s.Address, s.Jurisdiction!.Name, s.Opens, s.Closes, s.Lanes, s.Staff, s.Slots.Count))
            .ToListAsync(ct);
        return new Response(round.Id, round.Name, round.NodeName, clock.ToLocal(round.StartsAt), clock.ToLocal(round.EndsAt),
            round.Status, SiteInput.CanOrganise(me, round), items);
    }
}
