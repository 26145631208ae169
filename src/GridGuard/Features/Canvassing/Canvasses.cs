using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Canvassing;

/// <summary>A canvass whose window contains today, with its root node.</summary>
public sealed record ActiveCanvass(
    Guid Id, string Name, Guid RootId, string RootName, string RootPath, DateOnly StartsOn, DateOnly EndsOn, DateTime CreatedAt);

/// <summary>
/// "The current canvass" of a node: the latest canvass (by start date, then creation) whose window contains today
/// and whose root is an ancestor-or-self of the node. A household's visit counts for the current canvass of its grid.
/// </summary>
public static class Canvasses
{
    /// <summary>"/a/b/c/" → ["/a/", "/a/b/", "/a/b/c/"].</summary>
    public static List<string> AncestorOrSelfPaths(string path)
    {
        var result = new List<string>();
        for (var i = path.IndexOf('/', 1); i > 0; i = path.IndexOf('/', i + 1))
        {
            result.Add(path[..(i + 1)]);
        }

        return result;
    }

    /// <summary>The current canvass of the node at <paramref name="nodePath"/>, or null when none is running there.</summary>
    public static async Task<ActiveCanvass?> CurrentForAsync(AppDbContext db, string nodePath, DateOnly today, CancellationToken ct)
    {
        var paths = AncestorOrSelfPaths(nodePath);
        return await Active(db, today)
            .Where(c => paths.Contains(c.Jurisdiction!.Path))
            .OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Select(ToActive)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Canvasses running today that decide the current canvass of some node in the subtree of <paramref name="nodePath"/>:
    /// rooted at the node or above it, or inside the subtree. Ordered by precedence, the latest first.
    /// </summary>
    public static async Task<List<ActiveCanvass>> ActiveAroundAsync(AppDbContext db, string nodePath, DateOnly today, CancellationToken ct)
    {
        var paths = AncestorOrSelfPaths(nodePath);
        return await Active(db, today)
            .Where(c => paths.Contains(c.Jurisdiction!.Path) || c.Jurisdiction!.Path.StartsWith(nodePath))
            .OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Select(ToActive)
            .ToListAsync(ct);
    }

    /// <summary>Pure: the current canvass of <paramref name="path"/> among canvasses ordered by precedence.</summary>
    public static ActiveCanvass? CurrentFor(IEnumerable<ActiveCanvass> byPrecedence, string path) =>
        byPrecedence.FirstOrDefault(c => path.StartsWith(c.RootPath, StringComparison.Ordinal));

    /// <summary>True when <paramref name="path"/>'s subtree has at least one node under a running canvass.</summary>
    public static bool Touches(IEnumerable<ActiveCanvass> canvasses, string path) =>
        canvasses.Any(c => path.StartsWith(c.RootPath, StringComparison.Ordinal)
            || c.RootPath.StartsWith(path, StringComparison.Ordinal));

    private static IQueryable<Canvass> Active(AppDbContext db, DateOnly today) =>
        db.Canvasses.AsNoTracking().Where(c => c.StartsOn <= today && c.EndsOn >= today);

    private static readonly System.Linq.Expressions.Expression<Func<Canvass, ActiveCanvass>> ToActive = c =>
        new ActiveCanvass(c.Id, c.Name, c.JurisdictionId, c.Jurisdiction!.Name, c.Jurisdiction.Path, c.StartsOn, c.EndsOn, c.CreatedAt);
}
