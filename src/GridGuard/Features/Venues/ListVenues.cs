using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Venues;

/// <summary>
/// GET /api/venues?node=&amp;kind=&amp;q=&amp;active=&amp;page=&amp;limit=: venues in the user's scope, under a node
/// (its subtree), of a kind, whose name starts with q, active or not; ordered by name, page by page. The response also
/// counts the venues per kind under the node (with the same active filter, whatever the kind and name filters), for the
/// summary row "企业 12 · 宾馆酒店 3 …". 404 when the node is unknown or outside scope.
/// </summary>
public static class ListVenues
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public sealed record Filter(Guid? Node, VenueKind? Kind, string? Q, bool? Active, int? Page = null, int? Limit = null);

    public sealed record Item(Guid Id, string Name, VenueKind Kind, string KindLabel, Guid JurisdictionId, string GridName,
        string? Address, string ResponsibleName, string? ResponsiblePhone, int NonLocalStaff, bool IsActive,
        string StatusLabel);

    public sealed record KindCount(VenueKind Kind, string KindLabel, int Count);

    public sealed record Response(IReadOnlyList<Item> Items, int Total, int Page, int Limit, int PageCount,
        IReadOnlyList<KindCount> Counts, string? NodeName);

    public static RouteGroupBuilder MapListVenues(this RouteGroupBuilder group)
    {
        group.MapGet("/", HandleAsync)
            .WithName("ListVenues")
            .WithSummary("重点场所列表（按辖区、类型、名称开头、状态筛选；按名称分页；附各类型数量）");
        return group;
    }

    public static async Task<Results<Ok<Response>, NotFound, ProblemHttpResult>> HandleAsync(Guid? node, string? kind,
        string? q, string? active, int? page, int? limit, AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        if (!TryParseKind(kind, out var parsed))
        {
            return KindProblem(kind);
        }

        // A string, not bool?: an empty "active=" (what a form's "全部" sends) means no filter, not a framework 400.
        bool? state = null;
        if (!string.IsNullOrWhiteSpace(active))
        {
            if (!bool.TryParse(active.Trim(), out var a))
            {
                var errors = new FieldErrors();
                errors.Add("active", $"状态：“{active}”无法识别，应为 true（在用）或 false（已停用），或留空");
                return RegistryResult.Invalid(errors).ToProblem();
            }

            state = a;
        }

        var result = await RunAsync(db, me, new Filter(node, parsed, q, state, page, limit), ct);
        return result is null ? TypedResults.NotFound() : TypedResults.Ok(result);
    }

    /// <summary>Shared with the page. Null when the node filter is unknown or outside the user's scope.</summary>
    public static async Task<Response?> RunAsync(AppDbContext db, CurrentUser me, Filter filter, CancellationToken ct)
    {
        var scoped = await ScopedAsync(db, me, filter.Node, filter.Active, ct);
        if (scoped is null)
        {
            return null;
        }

        var (venues, node) = scoped.Value;
        var counts = await venues.GroupBy(v => v.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var filtered = Narrow(venues, filter.Kind, filter.Q);
        var total = await filtered.CountAsync(ct);
        var limit = Math.Clamp(filter.Limit ?? DefaultLimit, 1, MaxLimit);
        var pageCount = Math.Max(1, (total + limit - 1) / limit);
        var page = Math.Clamp(filter.Page ?? 1, 1, pageCount);
        var rows = await filtered
            .OrderBy(v => v.Name).ThenBy(v => v.Id)
            .Skip((page - 1) * limit)
            .Take(limit)
            .Select(v => new
            {
                v.Id,
                v.Name,
                v.Kind,
                v.JurisdictionId,
                GridName = v.Jurisdiction!.Name,
                GridPath = v.Jurisdiction.Path,
                v.Address,
                v.ResponsibleName,
                v.ResponsiblePhone,
                v.NonLocalStaff,
                v.IsActive,
            })
            .ToListAsync(ct);
        var label = await VenueGridLabels.LoadAsync(db, rows.Select(r => r.GridPath).Distinct(), ct);
        var items = rows.Select(r => new Item(r.Id, r.Name, r.Kind, r.Kind.Label(), r.JurisdictionId,
                label(r.GridPath, r.GridName), r.Address, r.ResponsibleName, r.ResponsiblePhone, r.NonLocalStaff,
                r.IsActive, VenueText.StatusLabel(r.IsActive)))
            .ToList();
        var kindCounts = counts.OrderBy(c => c.Key).Select(c => new KindCount(c.Key, c.Key.Label(), c.Count)).ToList();
        return new Response(items, total, page, limit, pageCount, kindCounts, node?.Name);
    }

    /// <summary>
    /// Venues in scope under <paramref name="nodeId"/> (all of the user's scope when null), active or not. Null when
    /// the node is unknown or outside scope. Shared with the export.
    /// </summary>
    public static async Task<(IQueryable<Venue> Venues, Jurisdiction? Node)?> ScopedAsync(AppDbContext db, CurrentUser me,
        Guid? nodeId, bool? active, CancellationToken ct)
    {
        var venues = db.Venues.AsNoTracking().InScopeOf(me);
        Jurisdiction? node = null;
        if (nodeId is { } id)
        {
            node = await db.Jurisdictions.AsNoTracking().InScopeOf(me).FirstOrDefaultAsync(j => j.Id == id, ct);
            if (node is null)
            {
                return null;
            }

            var path = node.Path;
            venues = venues.Where(v => v.Jurisdiction!.Path.StartsWith(path));
        }

        if (active is { } a)
        {
            venues = venues.Where(v => v.IsActive == a);
        }

        return (venues, node);
    }

    /// <summary>The kind and name-prefix filters (the name prefix is at most 50 characters).</summary>
    public static IQueryable<Venue> Narrow(IQueryable<Venue> venues, VenueKind? kind, string? q)
    {
        if (kind is { } k)
        {
            venues = venues.Where(v => v.Kind == k);
        }

        var prefix = q?.Trim() ?? "";
        if (prefix.Length > 0)
        {
            prefix = prefix.Length > 50 ? prefix[..50] : prefix;
            venues = venues.Where(v => v.Name.StartsWith(prefix));
        }

        return venues;
    }

    /// <summary>The kind filter of the query string: empty is "all kinds" (null); false for a word that is no kind.</summary>
    public static bool TryParseKind(string? kind, out VenueKind? value)
    {
        value = string.IsNullOrWhiteSpace(kind) ? null : VenueText.ParseKind(kind);
        return string.IsNullOrWhiteSpace(kind) || value is not null;
    }

    public static ProblemHttpResult KindProblem(string? kind)
    {
        var errors = new FieldErrors();
        errors.Add("kind", $"类型：“{kind}”无法识别，应为 {VenueText.KindList}");
        return RegistryResult.Invalid(errors).ToProblem();
    }
}
