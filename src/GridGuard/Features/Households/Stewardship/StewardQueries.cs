using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Households.Stewardship;

/// <summary>Queries shared by the stewardship use cases: ancestors, settlements, eligible stewards, counts.</summary>
public static class StewardQueries
{
    /// <summary>"/a/b/c/" → ["/a/", "/a/b/", "/a/b/c/"]: the paths of a node and all its ancestors.</summary>
    public static List<string> AncestorOrSelfPaths(string path)
    {
        var result = new List<string>();
        for (var i = path.IndexOf('/', 1); i > 0; i = path.IndexOf('/', i + 1))
        {
            result.Add(path[..(i + 1)]);
        }

        return result;
    }

    /// <summary>
    /// The effective settlement of each of <paramref name="paths"/>: the node's own, else the nearest ancestor's
    /// (settlements are set on villages and inherited below, and may be overridden on any node).
    /// </summary>
    public static async Task<Dictionary<string, Settlement?>> SettlementsAsync(
        AppDbContext db, IEnumerable<string> paths, CancellationToken ct)
    {
        var wanted = paths.Distinct().ToList();
        var all = wanted.SelectMany(AncestorOrSelfPaths).Distinct().ToList();
        var known = await db.Jurisdictions.AsNoTracking()
            .Where(j => all.Contains(j.Path) && j.Settlement != null)
            .Select(j => new { j.Path, j.Settlement })
            .ToListAsync(ct);
        var byPath = known.ToDictionary(k => k.Path, k => k.Settlement);
        return wanted.ToDictionary(p => p, p => AncestorOrSelfPaths(p)
            .Select(a => byPath.GetValueOrDefault(a))
            .LastOrDefault(s => s is not null));
    }

    /// <summary>The paths of the active nodes where <paramref name="userId"/> holds <see cref="Role.Steward"/>.</summary>
    public static async Task<List<string>> StewardPathsAsync(AppDbContext db, Guid userId, CancellationToken ct) =>
        await db.RoleAssignments.AsNoTracking()
            .Where(r => r.UserId == userId && r.Role == Role.Steward && r.Jurisdiction!.IsActive && r.User!.IsActive)
            .Select(r => r.Jurisdiction!.Path)
            .ToListAsync(ct);

    /// <summary>A steward may take a household when they hold the role at an ancestor-or-self of its grid.</summary>
    public static bool Covers(IEnumerable<string> stewardPaths, string gridPath) =>
        stewardPaths.Any(p => gridPath.StartsWith(p, StringComparison.Ordinal));

    /// <summary>How many households the steward holds, anywhere: the cap is about the steward's load.</summary>
    public static Task<int> CountAsync(AppDbContext db, Guid stewardId, CancellationToken ct) =>
        db.Households.CountAsync(h => h.StewardId == stewardId, ct);
}
