using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Quarantine.Sites;

/// <summary>
/// GET /api/quarantine-sites?node=&amp;status=: the sites in the user's scope (under a node, of a status), by name, each
/// with its room counts, the people in it and its activation clock or warning (警告 once 24 h have run out).
/// 404 when the node is unknown or outside scope.
/// </summary>
public static class ListSites
{
    public const int MaxItems = 500;

    public sealed record Item(Guid Id, string Name, string Address, string NodeName, string ResponsibleName,
        string? ResponsiblePhone, SiteStatus Status, string StatusLabel, ActivationClock? Activation, GetSite.Counts Counts);

    public sealed record Response(IReadOnlyList<Item> Items, int Total, string? NodeName, int Warnings);

    public static RouteGroupBuilder MapListSites(this RouteGroupBuilder group)
    {
        group.MapGet("/", HandleAsync)
            .WithName("ListQuarantineSites")
            .WithSummary("隔离点列表（按辖区、状态筛选；附房间数、在住人数与启用超时警告）");
        return group;
    }

    public static async Task<Results<Ok<Response>, NotFound, ProblemHttpResult>> HandleAsync(Guid? node, string? status,
        AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        SiteStatus? parsed = null;
        if (!string.IsNullOrWhiteSpace(status) && (parsed = SiteText.ParseStatus(status)) is null)
        {
            return RegistryResult.Invalid("status", $"状态：“{status}”无法识别，应为 待命、启用中、已启用").ToProblem();
        }

        var result = await RunAsync(db, me, clock, node, parsed, ct);
        return result is null ? TypedResults.NotFound() : TypedResults.Ok(result);
    }

    /// <summary>Shared with the page. Null when the node filter is unknown or outside the user's scope.</summary>
    public static async Task<Response?> RunAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid? nodeId,
        SiteStatus? status, CancellationToken ct)
    {
        var sites = db.QuarantineSites.AsNoTracking().InScopeOf(me);
        Jurisdiction? node = null;
        if (nodeId is { } nid)
        {
            node = await db.Jurisdictions.AsNoTracking().InScopeOf(me).FirstOrDefaultAsync(j => j.Id == nid, ct);
            if (node is null)
            {
                return null;
            }

            var path = node.Path;
            sites = sites.Where(s => s.Jurisdiction!.Path.StartsWith(path));
        }

        if (status is { } st)
        {
            sites = sites.Where(s => s.Status == st);
        }

        var total = await sites.CountAsync(ct);
        var rows = await sites.OrderBy(s => s.Name).ThenBy(s => s.Id).Take(MaxItems)
            .Select(s => new
            {
                s.Id,
                s.Name,
                s.Address,
                NodeName = s.Jurisdiction!.Name,
                s.ResponsibleName,
                s.ResponsiblePhone,
                s.Status,
                s.ActivationStartedAt,
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var rooms = await db.QuarantineRooms.AsNoTracking().Where(r => ids.Contains(r.SiteId))
            .GroupBy(r => new { r.SiteId, r.Status })
            .Select(g => new { g.Key.SiteId, g.Key.Status, Count = g.Count(), Beds = g.Sum(r => r.Capacity) })
            .ToListAsync(ct);
        var people = await db.RoomAssignments.AsNoTracking().Where(a => ids.Contains(a.SiteId) && a.CheckedOutAt == null)
            .GroupBy(a => a.SiteId)
            .Select(g => new { SiteId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.SiteId, g => g.Count, ct);
        var now = clock.UtcNow;
        var items = rows.Select(r =>
        {
            var mine = rooms.Where(x => x.SiteId == r.Id).ToList();
            int Of(RoomStatus s) => mine.Where(x => x.Status == s).Sum(x => x.Count);
            var counts = new GetSite.Counts(mine.Sum(x => x.Count), Of(RoomStatus.Free), Of(RoomStatus.Occupied),
                Of(RoomStatus.Cleaning), mine.Sum(x => x.Beds), people.GetValueOrDefault(r.Id));
            return new Item(r.Id, r.Name, r.Address, r.NodeName, r.ResponsibleName, r.ResponsiblePhone, r.Status,
                r.Status.Label(), SiteRules.Clock(r.Status, r.ActivationStartedAt, now), counts);
        }).ToList();
        return new Response(items, total, node?.Name, items.Count(i => i.Activation?.Overdue == true));
    }
}
