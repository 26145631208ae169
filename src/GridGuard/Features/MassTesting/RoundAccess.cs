using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting;

/// <summary>A round as the pages and the coverage queries need it.</summary>
public sealed record RoundView(Guid Id, string Name, RoundStatus Status, Guid JurisdictionId, string JurisdictionName,
    string Path, DateTime StartsAt, DateTime EndsAt, int Population);

/// <summary>
/// Who sees a round: the staff of its subtree and above it (the round itself), and the staff inside it (a village of a
/// township round sees the round; what they see of its people still goes through the scope helper).
/// </summary>
public static class RoundAccess
{
    public static async Task<RoundView?> VisibleAsync(AppDbContext db, CurrentUser me, Guid roundId, CancellationToken ct)
    {
        var round = await db.MassTestingRounds.AsNoTracking().Where(r => r.Id == roundId)
            .Select(r => new RoundView(r.Id, r.Name, r.Status, r.JurisdictionId, r.Jurisdiction!.Name, r.Jurisdiction.Path,
                r.StartsAt, r.EndsAt, r.Population))
            .FirstOrDefaultAsync(ct);
        return round is not null && Overlaps(me, round.Path) ? round : null;
    }

    public static bool Overlaps(CurrentUser me, string path) => Overlaps(me.ScopePaths, path);

    /// <summary>True when the user samples somewhere in the round: above its node or inside it.</summary>
    public static bool CanSample(CurrentUser me, string path) => Overlaps(me.PathsWhere(MassTestingText.Samplers), path);

    /// <summary>True when a subtree of <paramref name="roots"/> contains the node at <paramref name="path"/> or lies inside it.</summary>
    public static bool Overlaps(IEnumerable<string> roots, string path) =>
        roots.Any(p => path.StartsWith(p, StringComparison.Ordinal) || p.StartsWith(path, StringComparison.Ordinal));

    /// <summary>
    /// The node to show in the round: the asked one when it is inside the round and in scope; by default the round's root
    /// when in scope, otherwise the user's highest node inside the round.
    /// </summary>
    public static async Task<Jurisdiction?> NodeAsync(AppDbContext db, CurrentUser me, RoundView round, Guid? nodeId,
        CancellationToken ct)
    {
        var inRound = db.Jurisdictions.AsNoTracking().InScopeOf(me).Where(j => j.Path.StartsWith(round.Path));
        if (nodeId is { } id)
        {
            return await inRound.FirstOrDefaultAsync(j => j.Id == id, ct);
        }

        return await inRound.OrderBy(j => j.Depth).ThenBy(j => j.Code).FirstOrDefaultAsync(ct);
    }
}
