using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Coverage;

/// <summary>
/// GET /api/testing-rounds/{id}/coverage?node=: the live coverage board (DOMAIN.md §7) — sampled / expected for a node
/// and each of its children, drilling down to a grid. Expected leaves out the exempt; sampled counts each person once.
/// It reads the per-node counters (<see cref="RoundTally"/>, a few hundred rows for a county) that the write paths keep,
/// so it stays fast while scans arrive; the counters are filtered by the scope helper.
/// </summary>
public static class RoundCoverage
{
    public sealed record Row(Guid NodeId, string Name, string Level, bool IsGrid, int Expected, int Exempt, int Sampled,
        int Missing, double Percent);

    public sealed record Board(Guid RoundId, string RoundName, string Status, string StatusLabel, DateTime StartsAt,
        DateTime EndsAt, Row Node, IReadOnlyList<Crumb> Trail, IReadOnlyList<Row> Children, int Unregistered);

    /// <summary>A step up the tree from the round's root to the node (for drilling back up).</summary>
    public sealed record Crumb(Guid NodeId, string Name);

    public static RouteGroupBuilder MapRoundCoverage(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/coverage", HandleAsync).WithName("RoundCoverage")
            .WithSummary("筛查进度：本级及各下级的已采 / 应采（不含免检），可逐级下钻到网格");
        return group;
    }

    public static async Task<Results<Ok<Board>, NotFound>> HandleAsync(Guid id, Guid? node, AppDbContext db, CurrentUser me,
        CancellationToken ct)
    {
        var board = await LoadAsync(db, me, id, node, ct);
        return board is null ? TypedResults.NotFound() : TypedResults.Ok(board);
    }

    public static async Task<Board?> LoadAsync(AppDbContext db, CurrentUser me, Guid roundId, Guid? nodeId, CancellationToken ct)
    {
        var round = await RoundAccess.VisibleAsync(db, me, roundId, ct);
        var at = round is null ? null : await RoundAccess.NodeAsync(db, me, round, nodeId, ct);
        if (round is null || at is null)
        {
            return null;
        }

        var children = await db.Jurisdictions.AsNoTracking().Where(j => j.ParentId == at.Id)
            .OrderBy(j => j.Code).Select(j => new { j.Id, j.Name, j.Level, j.Path }).ToListAsync(ct);
        var tallies = await db.RoundTallies.AsNoTracking().InScopeOf(me)
            .Where(t => t.RoundId == roundId && t.Jurisdiction!.Path.StartsWith(at.Path))
            .Select(t => new { t.Jurisdiction!.Path, t.Expected, t.Exempt, t.Sampled, t.SampledExempt })
            .ToListAsync(ct);
        var unregistered = await db.Samplings.AsNoTracking().InScopeOf(me)
            .CountAsync(s => s.RoundId == roundId && s.PersonId == null && s.Jurisdiction!.Path.StartsWith(at.Path), ct);
        var ancestors = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Path.Length <= at.Path.Length && j.Path.StartsWith(round.Path))
            .Where(j => at.Path.StartsWith(j.Path))
            .OrderBy(j => j.Depth).Select(j => new Crumb(j.Id, j.Name)).ToListAsync(ct);

        Row Sum(Guid id, string name, JurisdictionLevel level, string path)
        {
            var rows = tallies.Where(t => t.Path.StartsWith(path, StringComparison.Ordinal)).ToList();
            var expected = rows.Sum(t => t.Expected - t.Exempt);
            var sampled = rows.Sum(t => t.Sampled - t.SampledExempt);
            return new Row(id, name, level.ToString(), level == JurisdictionLevel.Grid, expected, rows.Sum(t => t.Exempt), sampled,
                Math.Max(0, expected - sampled), expected == 0 ? 0 : Math.Round(100.0 * sampled / expected, 1));
        }

        var rows = children.Select(c => Sum(c.Id, c.Name, c.Level, c.Path)).Where(r => r.Expected + r.Exempt > 0).ToList();
        return new Board(round.Id, round.Name, round.Status.ToString(), round.Status.Label(), round.StartsAt, round.EndsAt,
            Sum(at.Id, at.Name, at.Level, at.Path), ancestors, rows, unregistered);
    }
}
