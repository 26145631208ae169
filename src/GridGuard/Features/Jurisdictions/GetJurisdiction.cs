using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Jurisdictions;

/// <summary>GET /api/jurisdictions/{id}: one node with its ancestors (for breadcrumbs) and children. 404 outside scope.</summary>
public static class GetJurisdiction
{
    public sealed record NodeDto(Guid Id, string Code, string Name, JurisdictionLevel Level, string LevelLabel,
        Guid? ParentId, Settlement? Settlement, bool IsActive);

    public sealed record Response(NodeDto Node, IReadOnlyList<NodeDto> Ancestors, IReadOnlyList<NodeDto> Children);

    public static RouteGroupBuilder MapGetJurisdiction(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", HandleAsync).WithName("GetJurisdiction").WithSummary("辖区详情（含上级与下级）");
        return group;
    }

    public static async Task<Results<Ok<Response>, NotFound>> HandleAsync(
        Guid id, AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var result = await LoadAsync(db, me, id, ct);
        return result is null ? TypedResults.NotFound() : TypedResults.Ok(result);
    }

    /// <summary>Shared with the page. Ancestors are limited to those inside the user's scope.</summary>
    public static async Task<Response?> LoadAsync(AppDbContext db, CurrentUser me, Guid id, CancellationToken ct)
    {
        var node = await db.Jurisdictions.AsNoTracking().InScopeOf(me)
            .Where(j => j.Id == id)
            .FirstOrDefaultAsync(ct);
        if (node is null)
        {
            return null;
        }

        var ancestorCodes = node.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)[..^1];
        var ancestors = await db.Jurisdictions.AsNoTracking().InScopeOf(me)
            .Where(j => ancestorCodes.Contains(j.Code))
            .OrderBy(j => j.Depth)
            .Select(ToDto)
            .ToListAsync(ct);
        var children = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.ParentId == id)
            .OrderBy(j => j.Code)
            .Select(ToDto)
            .ToListAsync(ct);
        return new Response(ToDto.Compile()(node), ancestors, children);
    }

    public static readonly System.Linq.Expressions.Expression<Func<Jurisdiction, NodeDto>> ToDto = j =>
        new NodeDto(j.Id, j.Code, j.Name, j.Level, j.Level.Label(), j.ParentId, j.Settlement, j.IsActive);
}
