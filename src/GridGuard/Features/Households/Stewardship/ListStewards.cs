using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GridGuard.Features.Households.Stewardship;

/// <summary>
/// GET /api/stewardship/stewards?jurisdictionId=: the stewards who can take households under a node (they hold
/// <see cref="Role.Steward"/> at the node, above it or below it), with their household counts and their cap.
/// </summary>
public static class ListStewards
{
    /// <param name="Households">Households the steward holds anywhere (what the cap counts).</param>
    /// <param name="HouseholdsHere">Of those, the ones under the requested node.</param>
    /// <param name="Limit">The urban warn level or the rural maximum, by the settlement of the steward's node.</param>
    /// <param name="Over">Above the urban warn level, or at the rural maximum: shown with a badge.</param>
    /// <param name="CoversNode">Holds the role at the node or above, so may take any household under it.</param>
    public sealed record Steward(
        Guid Id, string DisplayName, string UserName, string? Phone, string RoleNode, Settlement? Settlement,
        int Households, int HouseholdsHere, int Limit, bool Over, bool CoversNode);

    public sealed record Response(Guid JurisdictionId, string JurisdictionName, Settlement? Settlement,
        int UrbanWarnAbove, int RuralMax, bool RuralOverride, IReadOnlyList<Steward> Stewards);

    public static RouteGroupBuilder MapListStewards(this RouteGroupBuilder group)
    {
        group.MapGet("/stewards", HandleAsync)
            .WithName("ListStewards")
            .WithSummary("辖区内可用的包户责任人及其包保户数、上限");
        return group;
    }

    public static async Task<Results<Ok<Response>, NotFound>> HandleAsync(
        Guid jurisdictionId, AppDbContext db, CurrentUser me, IOptions<StewardshipOptions> options, CancellationToken ct)
    {
        var result = await LoadAsync(db, me, options.Value, jurisdictionId, ct);
        return result is null ? TypedResults.NotFound() : TypedResults.Ok(result);
    }

    /// <summary>Shared with the pages; null when the node is missing or out of scope.</summary>
    public static async Task<Response?> LoadAsync(
        AppDbContext db, CurrentUser me, StewardshipOptions options, Guid jurisdictionId, CancellationToken ct)
    {
        var node = await db.Jurisdictions.AsNoTracking().InScopeOf(me)
            .FirstOrDefaultAsync(j => j.Id == jurisdictionId, ct);
        if (node is null)
        {
            return null;
        }

        var above = StewardQueries.AncestorOrSelfPaths(node.Path);
        var grants = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.Role == Role.Steward && r.Jurisdiction!.IsActive && r.User!.IsActive)
            .Where(r => r.Jurisdiction!.Path.StartsWith(node.Path) || above.Contains(r.Jurisdiction!.Path))
            .Select(r => new
            {
                r.UserId,
                r.User!.DisplayName,
                r.User.UserName,
                r.User.PhoneNumber,
                NodeName = r.Jurisdiction!.Name,
                r.Jurisdiction.Path,
            })
            .ToListAsync(ct);
        var ids = grants.Select(g => g.UserId).Distinct().ToList();
        var totals = await db.Households.AsNoTracking()
            .Where(h => h.StewardId != null && ids.Contains(h.StewardId.Value))
            .GroupBy(h => h.StewardId!.Value)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var here = await db.Households.AsNoTracking()
            .Where(h => h.StewardId != null && ids.Contains(h.StewardId.Value) && h.Jurisdiction!.Path.StartsWith(node.Path))
            .GroupBy(h => h.StewardId!.Value)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var settlements = await StewardQueries.SettlementsAsync(db, grants.Select(g => g.Path).Append(node.Path), ct);

        var stewards = grants
            .GroupBy(g => g.UserId)
            .Select(g =>
            {
                // The deepest node where the steward holds the role says where they work, and so their settlement.
                var home = g.OrderByDescending(x => x.Path.Length).First();
                var settlement = settlements[home.Path] ?? settlements[node.Path];
                var count = totals.GetValueOrDefault(g.Key);
                return new Steward(g.Key, home.DisplayName, home.UserName ?? "", home.PhoneNumber, home.NodeName, settlement,
                    count, here.GetValueOrDefault(g.Key), StewardCaps.Limit(settlement, options),
                    StewardCaps.IsOver(settlement, count, options),
                    g.Any(x => node.Path.StartsWith(x.Path, StringComparison.Ordinal)));
            })
            .OrderBy(s => s.DisplayName, StringComparer.Ordinal)
            .ThenBy(s => s.UserName, StringComparer.Ordinal)
            .ToList();
        return new Response(node.Id, node.Name, settlements[node.Path], options.UrbanWarnAbove, options.RuralMax,
            options.RuralOverride, stewards);
    }
}
