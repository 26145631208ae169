using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Rounds;

/// <summary>
/// GET /api/testing-rounds: the rounds the user sees (their subtree's, the ones above them that cover their nodes), open
/// first, latest first, with the coverage of the whole round.
/// </summary>
public static class ListRounds
{
    public const int MaxRows = 100;

    public sealed record Item(Guid Id, string Name, string NodeName, string Status, string StatusLabel, DateTime StartsAt,
        DateTime EndsAt, int Expected, int Sampled);

    public static RouteGroupBuilder MapListRounds(this RouteGroupBuilder group)
    {
        group.MapGet("/", (AppDbContext db, CurrentUser me, CancellationToken ct) => LoadAsync(db, me, ct))
            .WithName("ListTestingRounds").WithSummary("筛查轮次列表（进行中的在前）");
        return group;
    }

    public static async Task<IReadOnlyList<Item>> LoadAsync(AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var rounds = await db.MassTestingRounds.AsNoTracking()
            .OrderBy(r => r.Status == RoundStatus.Open ? 0 : 1).ThenByDescending(r => r.OpenedAt).Take(MaxRows * 4)
            .Select(r => new { r.Id, r.Name, NodeName = r.Jurisdiction!.Name, r.Jurisdiction.Path, r.Status, r.StartsAt, r.EndsAt })
            .ToListAsync(ct);
        var visible = rounds.Where(r => RoundAccess.Overlaps(me, r.Path)).Take(MaxRows).ToList();
        var ids = visible.Select(r => r.Id).ToList();
        var totals = (await db.RoundTallies.AsNoTracking().InScopeOf(me).Where(t => ids.Contains(t.RoundId))
                .GroupBy(t => t.RoundId)
                .Select(g => new
                {
                    g.Key,
                    Expected = g.Sum(t => t.Expected - t.Exempt),
                    Sampled = g.Sum(t => t.Sampled - t.SampledExempt),
                })
                .ToListAsync(ct))
            .ToDictionary(t => t.Key);
        return visible.Select(r => new Item(r.Id, r.Name, r.NodeName, r.Status.ToString(), r.Status.Label(), r.StartsAt, r.EndsAt,
            totals.GetValueOrDefault(r.Id)?.Expected ?? 0, totals.GetValueOrDefault(r.Id)?.Sampled ?? 0)).ToList();
    }
}
