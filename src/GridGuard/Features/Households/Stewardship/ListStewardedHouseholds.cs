using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Households.Stewardship;

/// <summary>
/// GET /api/stewardship/households?jurisdictionId=&amp;onlyUnassigned=&amp;page=: the households under a node with
/// their steward (or none), in address order, 50 to a page.
/// </summary>
public static class ListStewardedHouseholds
{
    public const int PageSize = 50;

    public sealed record Item(Guid Id, Guid GridId, string GridName, string Address, string? HeadName, Guid? StewardId,
        string? StewardName);

    public sealed record Response(Guid JurisdictionId, int Page, int PageSize, int Total, int Unassigned,
        IReadOnlyList<Item> Items);

    public static RouteGroupBuilder MapListStewardedHouseholds(this RouteGroupBuilder group)
    {
        group.MapGet("/households", HandleAsync)
            .WithName("ListStewardedHouseholds")
            .WithSummary("辖区内各户及其包户责任人（可只看未分配），分页");
        return group;
    }

    public static async Task<Results<Ok<Response>, NotFound>> HandleAsync(
        Guid jurisdictionId, bool? onlyUnassigned, int? page, AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var result = await LoadAsync(db, me, jurisdictionId, onlyUnassigned ?? false, page ?? 1, ct);
        return result is null ? TypedResults.NotFound() : TypedResults.Ok(result);
    }

    /// <summary>Shared with the page; null when the node is missing or out of scope.</summary>
    public static async Task<Response?> LoadAsync(
        AppDbContext db, CurrentUser me, Guid jurisdictionId, bool onlyUnassigned, int page, CancellationToken ct)
    {
        var node = await db.Jurisdictions.AsNoTracking().InScopeOf(me)
            .FirstOrDefaultAsync(j => j.Id == jurisdictionId, ct);
        if (node is null)
        {
            return null;
        }

        page = Math.Max(page, 1);
        var all = db.Households.AsNoTracking().InScopeOf(me).Where(h => h.Jurisdiction!.Path.StartsWith(node.Path));
        var total = await all.CountAsync(ct);
        var unassigned = await all.CountAsync(h => h.StewardId == null, ct);
        var items = await ProjectAsync(db, all
            .Where(h => !onlyUnassigned || h.StewardId == null)
            .OrderBy(h => h.Jurisdiction!.Path)
            .ThenBy(h => h.Unit!.Length).ThenBy(h => h.Unit).ThenBy(h => h.Room!.Length).ThenBy(h => h.Room).ThenBy(h => h.Id)
            .Skip((page - 1) * PageSize)
            .Take(PageSize), ct);
        return new Response(node.Id, page, PageSize, total, unassigned, items);
    }

    /// <summary>One household in scope, as the list shows it (for the assign page); null when not found.</summary>
    public static async Task<Item?> LoadOneAsync(AppDbContext db, CurrentUser me, Guid householdId, CancellationToken ct) =>
        (await ProjectAsync(db, db.Households.AsNoTracking().InScopeOf(me).Where(h => h.Id == householdId), ct))
            .FirstOrDefault();

    private static async Task<List<Item>> ProjectAsync(AppDbContext db, IQueryable<Household> query, CancellationToken ct)
    {
        var rows = await query
            .Select(h => new
            {
                h.Id,
                h.JurisdictionId,
                GridName = h.Jurisdiction!.Name,
                GridPath = h.Jurisdiction.Path,
                h.Unit,
                h.Room,
                h.Address,
                HeadName = h.Head == null ? null : h.Head.Name,
                h.StewardId,
                StewardName = h.Steward == null ? null : h.Steward.DisplayName,
            })
            .ToListAsync(ct);
        var addresses = await HouseholdAddress.LoadForAsync(db, rows.Select(r => r.GridPath), ct);
        return rows.Select(r => new Item(r.Id, r.JurisdictionId, r.GridName,
                addresses.Of(r.JurisdictionId, r.Unit, r.Room, r.Address), r.HeadName, r.StewardId, r.StewardName))
            .ToList();
    }
}
