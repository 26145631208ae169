using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Canvassing.Tips;

/// <summary>
/// GET /api/rewards/summary/{nodeId}: the reward ledger rolled up the tree — for the node and for each child, how many
/// rewards and how many yuan lie in its subtree; "Direct" is what is reported at the node itself (not under a child).
/// </summary>
public static class GetRewardSummary
{
    public sealed record Tally(int Count, int Amount);

    public sealed record Row(Guid JurisdictionId, string Code, string Name, string LevelLabel, Tally Total);

    public sealed record AncestorRef(Guid Id, string Name);

    public sealed record Response(Row Node, Tally Direct, IReadOnlyList<AncestorRef> Ancestors, IReadOnlyList<Row> Children);

    public static RouteGroupBuilder MapGetRewardSummary(this RouteGroupBuilder group)
    {
        group.MapGet("/summary/{nodeId:guid}", HandleAsync).WithName("GetRewardSummary")
            .WithSummary("奖励台账汇总：本级与各下级的奖励笔数与金额（逐级汇总）");
        return group;
    }

    public static async Task<Results<Ok<Response>, NotFound>> HandleAsync(Guid nodeId, AppDbContext db, CurrentUser me,
        CancellationToken ct) =>
        await LoadAsync(db, me, nodeId, ct) is { } response ? TypedResults.Ok(response) : TypedResults.NotFound();

    /// <summary>Shared with the page; null when the node does not exist or lies outside the user's staff scope.</summary>
    public static async Task<Response?> LoadAsync(AppDbContext db, CurrentUser me, Guid nodeId, CancellationToken ct)
    {
        var node = await ListRewards.NodeAsync(db, me, nodeId, ct);
        if (node is null)
        {
            return null;
        }

        var ancestorPaths = Canvasses.AncestorOrSelfPaths(node.Path)[..^1];
        var ancestors = await db.Jurisdictions.AsNoTracking().InScopeOf(me, TipText.Staff)
            .Where(j => ancestorPaths.Contains(j.Path))
            .OrderBy(j => j.Depth)
            .Select(j => new AncestorRef(j.Id, j.Name))
            .ToListAsync(ct);
        var children = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.ParentId == node.Id)
            .OrderBy(j => j.Code)
            .Select(j => new { j.Id, j.Code, j.Name, j.Level, j.Path })
            .ToListAsync(ct);
        var byPath = await ListRewards.InLedger(db, me, node)
            .GroupBy(r => r.Jurisdiction!.Path)
            .Select(g => new { Path = g.Key, Count = g.Count(), Amount = g.Sum(r => r.Amount) })
            .ToListAsync(ct);

        var perChild = children.ToDictionary(c => c.Path, _ => (Count: 0, Amount: 0), StringComparer.Ordinal);
        var total = (Count: 0, Amount: 0);
        var direct = (Count: 0, Amount: 0);
        foreach (var g in byPath)
        {
            total = (total.Count + g.Count, total.Amount + g.Amount);
            if (g.Path.Length == node.Path.Length)
            {
                direct = (direct.Count + g.Count, direct.Amount + g.Amount);
                continue;
            }

            var childPath = g.Path[..(g.Path.IndexOf('/', node.Path.Length) + 1)];
            if (perChild.TryGetValue(childPath, out var c))
            {
                perChild[childPath] = (c.Count + g.Count, c.Amount + g.Amount);
            }
        }

        return new Response(
            new Row(node.Id, node.Code, node.Name, node.Level.Label(), new Tally(total.Count, total.Amount)),
            new Tally(direct.Count, direct.Amount),
            ancestors,
            children.Select(c => new Row(c.Id, c.Code, c.Name, c.Level.Label(), new Tally(perChild[c.Path].Count, perChild[c.Path].Amount)))
                .ToList());
    }
}
