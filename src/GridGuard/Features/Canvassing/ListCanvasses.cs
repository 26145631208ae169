using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Canvassing;

/// <summary>
/// GET /api/canvassing/canvasses?jurisdictionId=: the canvasses that concern a node in scope — those rooted at it or
/// above it (they cover it), and those inside its subtree — newest first, with the node's current one marked.
/// </summary>
public static class ListCanvasses
{
    public const int Limit = 200;

    public sealed record Row(Guid Id, string Name, Guid JurisdictionId, string JurisdictionName,
        DateOnly StartsOn, DateOnly EndsOn, bool IsActive, bool IsCurrent);

    public sealed record Response(Guid JurisdictionId, string JurisdictionName, bool CanCreate, IReadOnlyList<Row> Canvasses);

    public static RouteGroupBuilder MapListCanvasses(this RouteGroupBuilder group)
    {
        group.MapGet("/canvasses", HandleAsync).WithName("ListCanvasses").WithSummary("排查活动列表（覆盖本辖区或在其下级发起的）");
        return group;
    }

    public static async Task<Results<Ok<Response>, NotFound>> HandleAsync(
        Guid? jurisdictionId, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await LoadAsync(db, me, clock.Today, jurisdictionId ?? me.Home?.JurisdictionId, ct);
        return result is null ? TypedResults.NotFound() : TypedResults.Ok(result);
    }

    /// <summary>Shared with the page; null when the node does not exist or lies outside the user's scope.</summary>
    public static async Task<Response?> LoadAsync(AppDbContext db, CurrentUser me, DateOnly today, Guid? jurisdictionId,
        CancellationToken ct)
    {
        var node = await db.Jurisdictions.AsNoTracking().InScopeOf(me)
            .Where(j => j.Id == jurisdictionId)
            .Select(j => new { j.Id, j.Name, j.Path })
            .FirstOrDefaultAsync(ct);
        if (node is null)
        {
            return null;
        }

        var paths = Canvasses.AncestorOrSelfPaths(node.Path);
        var rows = await db.Canvasses.AsNoTracking()
            .Where(c => paths.Contains(c.Jurisdiction!.Path) || c.Jurisdiction!.Path.StartsWith(node.Path))
            .OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Take(Limit)
            .Select(c => new { c.Id, c.Name, c.JurisdictionId, RootName = c.Jurisdiction!.Name, RootPath = c.Jurisdiction.Path, c.StartsOn, c.EndsOn })
            .ToListAsync(ct);
        var current = rows.FirstOrDefault(c => c.StartsOn <= today && today <= c.EndsOn && paths.Contains(c.RootPath))?.Id;
        return new Response(node.Id, node.Name, me.HoldsAt(node.Path, CreateCanvass.Organisers),
            rows.Select(c => new Row(c.Id, c.Name, c.JurisdictionId, c.RootName, c.StartsOn, c.EndsOn,
                c.StartsOn <= today && today <= c.EndsOn, c.Id == current)).ToList());
    }
}
