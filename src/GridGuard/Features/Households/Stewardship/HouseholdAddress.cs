using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Households.Stewardship;

/// <summary>
/// A household's address as people write it: village, compound (group), building from the grid's ancestors, then
/// unit, room and the free text. <see cref="LoadAsync"/> reads the nodes of one subtree once, so a long export or list
/// asks the database nothing per row.
/// </summary>
public sealed class HouseholdAddress
{
    private static readonly JurisdictionLevel[] AddressLevels =
        [JurisdictionLevel.Village, JurisdictionLevel.Compound, JurisdictionLevel.Building];

    private readonly Dictionary<Guid, Node> nodes;
    private readonly Dictionary<Guid, string> prefixes = [];

    private HouseholdAddress(Dictionary<Guid, Node> nodes) => this.nodes = nodes;

    private sealed record Node(Guid? ParentId, string Name, JurisdictionLevel Level, string Path);

    /// <summary>Reads the nodes of the subtree under <paramref name="rootPath"/> and the root's ancestors.</summary>
    public static async Task<HouseholdAddress> LoadAsync(AppDbContext db, string rootPath, CancellationToken ct)
    {
        var ancestors = StewardQueries.AncestorOrSelfPaths(rootPath);
        var rows = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Path.StartsWith(rootPath) || ancestors.Contains(j.Path))
            .Select(j => new { j.Id, j.ParentId, j.Name, j.Level, j.Path })
            .ToListAsync(ct);
        return new HouseholdAddress(rows.ToDictionary(r => r.Id, r => new Node(r.ParentId, r.Name, r.Level, r.Path)));
    }

    /// <summary>Reads only the nodes on the paths of <paramref name="nodePaths"/> (for one page of a list).</summary>
    public static async Task<HouseholdAddress> LoadForAsync(AppDbContext db, IEnumerable<string> nodePaths, CancellationToken ct)
    {
        var paths = nodePaths.SelectMany(StewardQueries.AncestorOrSelfPaths).Distinct().ToList();
        var rows = await db.Jurisdictions.AsNoTracking()
            .Where(j => paths.Contains(j.Path))
            .Select(j => new { j.Id, j.ParentId, j.Name, j.Level, j.Path })
            .ToListAsync(ct);
        return new HouseholdAddress(rows.ToDictionary(r => r.Id, r => new Node(r.ParentId, r.Name, r.Level, r.Path)));
    }

    /// <summary>The node's path, or "" when unknown (for ordering by the tree).</summary>
    public string NodePath(Guid id) => nodes.TryGetValue(id, out var n) ? n.Path : "";

    /// <summary>The grid's name, or "" when unknown.</summary>
    public string NodeName(Guid id) => nodes.TryGetValue(id, out var n) ? n.Name : "";

    /// <summary>"丙村委会 大寨小组 1栋": the village, compound and building above (or at) the household's node.</summary>
    public string Prefix(Guid nodeId)
    {
        if (prefixes.TryGetValue(nodeId, out var cached))
        {
            return cached;
        }

        var names = new List<string>();
        for (Guid? id = nodeId; id is { } current && nodes.TryGetValue(current, out var n); id = n.ParentId)
        {
            if (AddressLevels.Contains(n.Level))
            {
                names.Add(n.Name);
            }
        }

        names.Reverse();
        return prefixes[nodeId] = string.Join(" ", names);
    }

    /// <summary>The whole address of a household on the node <paramref name="nodeId"/>.</summary>
    public string Of(Guid nodeId, string? unit, string? room, string? address) =>
        Join(Prefix(nodeId), UnitRoom(unit, room, address));

    /// <summary>"2单元 301室 东侧": digits-only units get 单元, digits-only rooms get 室; free text is kept as written.</summary>
    public static string UnitRoom(string? unit, string? room, string? address)
    {
        static bool Digits(string s) => s.All(char.IsAsciiDigit);
        var u = unit?.Trim() ?? "";
        var r = room?.Trim() ?? "";
        return Join(
            u.Length > 0 && Digits(u) ? u + "单元" : u,
            r.Length > 0 && Digits(r) ? r + "室" : r,
            address?.Trim() ?? "");
    }

    private static string Join(params string[] parts) => string.Join(" ", parts.Where(p => p.Length > 0));
}
