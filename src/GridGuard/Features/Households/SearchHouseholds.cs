using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Households;

/// <summary>
/// GET /api/households?q=&amp;jurisdictionId=&amp;hasSteward=&amp;after=&amp;limit=: households in scope, found by address
/// (contains), head's name (prefix), a member's phone or a member's identity number (exact, normalised), decided by
/// the shape of q. Without q, a chosen subtree's households come node by node (<see cref="NodeOrder"/>), else by Id.
/// Keyset paging: pass the previous page's <c>next</c> as <c>after</c>. ID numbers are masked.
/// </summary>
public static class SearchHouseholds
{
    public sealed record Item(Guid Id, Guid JurisdictionId, string JurisdictionName, string Address, Guid? HeadId,
        string? HeadName, string? HeadIdNumber, int MemberCount, Guid? StewardId, string? StewardName, bool IsRental);

    public sealed record Response(IReadOnlyList<Item> Items, Guid? Next, string Mode);

    public sealed record Filter(string? Q, Guid? JurisdictionId, bool? HasSteward, Guid? After, int? Limit);

    public static RouteGroupBuilder MapSearchHouseholds(this RouteGroupBuilder group)
    {
        group.MapGet("/", HandleAsync)
            .WithName("SearchHouseholds")
            .WithSummary("查找住户（地址、户主姓名、电话、证件号码；按 Id 翻页；证件号码脱敏）");
        return group;
    }

    public static async Task<Results<Ok<Response>, NotFound>> HandleAsync(string? q, Guid? jurisdictionId,
        bool? hasSteward, Guid? after, int? limit, AppDbContext db, CurrentUser me, CountyClock clock,
        CancellationToken ct)
    {
        var result = await RunAsync(db, me, new Filter(q, jurisdictionId, hasSteward, after, limit), clock.Today, ct);
        return result is null ? TypedResults.NotFound() : TypedResults.Ok(result);
    }

    /// <summary>Shared with the page. Null when the node filter is unknown or outside the user's scope.</summary>
    public static async Task<Response?> RunAsync(AppDbContext db, CurrentUser me, Filter filter, DateOnly today,
        CancellationToken ct)
    {
        var households = db.Households.AsNoTracking().InScopeOf(me);
        var subtree = false;
        if (filter.JurisdictionId is { } nodeId)
        {
            var path = await db.Jurisdictions.AsNoTracking().InScopeOf(me)
                .Where(j => j.Id == nodeId).Select(j => j.Path).FirstOrDefaultAsync(ct);
            if (path is null)
            {
                return null;
            }

            if (me.ScopePaths.Count != 1 || me.ScopePaths[0] != path)
            {
                // By the indexed node id (IN the subtree's node ids), not by joining paths: the database then reads the
                // subtree's rows through (JurisdictionId, Id) instead of walking every row in Id order until a page
                // matches (1.3 s for a village's first page at 1,000,000 persons on SQLite; see docs/benchmarks.md).
                var nodes = db.Jurisdictions.Where(j => j.Path.StartsWith(path)).Select(j => j.Id);
                households = households.Where(h => nodes.Contains(h.JurisdictionId));
                subtree = true;
            }
        }

        if (filter.HasSteward is { } withSteward)
        {
            households = withSteward ? households.Where(h => h.StewardId != null) : households.Where(h => h.StewardId == null);
        }

        var query = DirectoryQuery.Parse(filter.Q, today);
        var v = query.Value;
        households = query.Kind switch
        {
            SearchKind.IdNumber => households.Where(h =>
                db.Persons.Where(p => p.IdNumber == v && p.HouseholdId != null).Select(p => p.HouseholdId!.Value).Contains(h.Id)),
            SearchKind.Phone => households.Where(h =>
                db.Persons.Where(p => p.Phone == v && p.HouseholdId != null).Select(p => p.HouseholdId!.Value).Contains(h.Id)),
            // The heads come from the (Name, Id) index once per query (a hashed set), not by a join for every household.
            SearchKind.Text => households.Where(h => (h.Address != null && h.Address.Contains(v))
                || (h.HeadId != null && db.Persons.Where(p => p.Name.StartsWith(v)).Select(p => p.Id).Contains(h.HeadId.Value))),
            _ => households,
        };

        IOrderedQueryable<Household> ordered;
        if (query.Kind == SearchKind.All && subtree)
        {
            ordered = await NodeOrder.ApplyAsync(households, filter.After, ct);
        }
        else
        {
            if (filter.After is { } a)
            {
                households = households.Where(h => h.Id > a);
            }

            ordered = households.OrderBy(h => h.Id);
        }

        var limit = DirectoryQuery.ClampLimit(filter.Limit);
        var rows = await ordered
            .Take(limit + 1)
            .Select(h => new
            {
                h.Id,
                h.JurisdictionId,
                JurisdictionName = h.Jurisdiction!.Name,
                h.Address,
                h.Unit,
                h.Room,
                h.HeadId,
                HeadName = h.Head != null ? h.Head.Name : null,
                HeadIdNumber = h.Head != null ? h.Head.IdNumber : null,
                MemberCount = db.Persons.Count(p => p.HouseholdId == h.Id),
                h.StewardId,
                StewardName = h.Steward != null ? h.Steward.DisplayName : null,
                h.IsRental,
            })
            .ToListAsync(ct);

        var items = rows.Take(limit)
            .Select(r => new Item(r.Id, r.JurisdictionId, r.JurisdictionName, RegistryText.Address(r.Address, r.Unit, r.Room),
                r.HeadId, r.HeadName, r.HeadIdNumber is null ? null : IdNumbers.Mask(r.HeadIdNumber), r.MemberCount,
                r.StewardId, r.StewardName, r.IsRental))
            .ToList();
        return new Response(items, rows.Count > limit ? items[^1].Id : null, query.Label);
    }
}
