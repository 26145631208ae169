using System.ComponentModel.DataAnnotations;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Jurisdictions;

/// <summary>
/// GET /api/jurisdictions?q=&amp;parentId=&amp;within=&amp;level=&amp;includeInactive=&amp;page=&amp;pageSize=:
/// nodes in the user's scope whose name contains q or whose code starts with q, paged.
/// Deactivated nodes are left out unless includeInactive is true.
/// </summary>
public static class SearchJurisdictions
{
    public const int DefaultPageSize = 20;

    public sealed class Query
    {
        /// <summary>Part of a name, or the leading digits of a code.</summary>
        [StringLength(Jurisdiction.NameMaxLength, ErrorMessage = "关键词：不能超过 {1} 个字")]
        public string? Q { get; set; }

        /// <summary>Only the direct children of this node.</summary>
        public Guid? ParentId { get; set; }

        /// <summary>Only this node's subtree (the node included).</summary>
        public Guid? Within { get; set; }

        /// <summary>Grid, Village, … or 网格, 村, …</summary>
        [StringLength(16, ErrorMessage = "级别：不能超过 {1} 个字符")]
        public string? Level { get; set; }

        public bool? IncludeInactive { get; set; }

        [Range(1, 100_000, ErrorMessage = "页码：应在 {1} 到 {2} 之间")]
        public int? Page { get; set; }

        [Range(1, 100, ErrorMessage = "每页条数：应在 {1} 到 {2} 之间")]
        public int? PageSize { get; set; }
    }

    public sealed record Item(Guid Id, string Code, string Name, JurisdictionLevel Level, string LevelLabel,
        Guid? ParentId, string? ParentName, bool IsActive);

    public sealed record Response(IReadOnlyList<Item> Items, int Page, int PageSize, int Total)
    {
        public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    }

    public static RouteGroupBuilder MapSearchJurisdictions(this RouteGroupBuilder group)
    {
        group.MapGet("/", HandleAsync).WithName("SearchJurisdictions").WithSummary("按名称或代码搜索辖区（分页）");
        return group;
    }

    public static async Task<Results<Ok<Response>, ValidationProblem>> HandleAsync(
        [AsParameters] Query query, AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var (response, errors) = await RunAsync(db, me, query, ct);
        return response is null ? EditResult.Invalid(errors).ToValidationProblem() : TypedResults.Ok(response);
    }

    /// <summary>Shared with the pages. Returns the field errors instead when the query is malformed.</summary>
    public static async Task<(Response? Response, Dictionary<string, string[]> Errors)> RunAsync(
        AppDbContext db, CurrentUser me, Query query, CancellationToken ct)
    {
        var errors = TreeEdit.ShapeErrors(query);
        JurisdictionLevel? level = null;
        if (!string.IsNullOrWhiteSpace(query.Level))
        {
            level = JurisdictionLabels.ParseLevel(query.Level);
            if (level is null)
            {
                errors.Add(nameof(Query.Level), $"级别：无法识别“{query.Level}”");
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var nodes = db.Jurisdictions.AsNoTracking().InScopeOf(me);
        if (query.IncludeInactive != true)
        {
            nodes = nodes.Where(j => j.IsActive);
        }

        if (query.ParentId is { } parentId)
        {
            nodes = nodes.Where(j => j.ParentId == parentId);
        }

        if (query.Within is { } within)
        {
            // An unknown or out-of-scope root yields nothing rather than an error: nothing leaks.
            var root = await db.Jurisdictions.AsNoTracking().InScopeOf(me)
                .Where(j => j.Id == within).Select(j => j.Path).FirstOrDefaultAsync(ct);
            nodes = root is null ? nodes.Where(j => false) : nodes.Where(j => j.Path.StartsWith(root));
        }

        if (level is { } l)
        {
            nodes = nodes.Where(j => j.Level == l);
        }

        if (query.Q?.Trim() is { Length: > 0 } q)
        {
            nodes = q.All(char.IsAsciiDigit)
                ? nodes.Where(j => j.Code.StartsWith(q) || j.Name.Contains(q))
                : nodes.Where(j => j.Name.Contains(q));
        }

        int page = query.Page ?? 1, size = query.PageSize ?? DefaultPageSize;
        var total = await nodes.CountAsync(ct);
        var items = await nodes
            .OrderBy(j => j.Depth).ThenBy(j => j.Code)
            .Skip((page - 1) * size)
            .Take(size)
            .Select(j => new Item(j.Id, j.Code, j.Name, j.Level, j.Level.Label(), j.ParentId,
                j.Parent == null ? null : j.Parent.Name, j.IsActive))
            .ToListAsync(ct);
        return (new Response(items, page, size, total), errors);
    }
}
