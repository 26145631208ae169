using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Households;

/// <summary>One choice of a node picker: a village, or a grid labelled with its village.</summary>
public sealed record NodeChoice(Guid Id, string Label, JurisdictionLevel Level);

/// <summary>Node pickers of the registry pages (list filter, grid of a new household), from the user's scope.</summary>
public static class RegistryNodes
{
    /// <summary>Above this many grids, the pickers first ask for the village.</summary>
    public const int MaxGrids = 200;

    /// <summary>Villages and grids in scope (grids only of <paramref name="villageId"/> when there are many).</summary>
    public static async Task<IReadOnlyList<NodeChoice>> FilterChoicesAsync(AppDbContext db, CurrentUser me,
        Guid? villageId, CancellationToken ct)
    {
        var villages = await VillagesAsync(db, me, ct);
        var grids = await GridsAsync(db, me, villages, villageId, editableOnly: false, ct);
        var result = new List<NodeChoice>();
        foreach (var v in villages)
        {
            result.Add(new NodeChoice(v.Id, v.Name, JurisdictionLevel.Village));
            result.AddRange(grids!.Where(g => g.Path.StartsWith(v.Path, StringComparison.Ordinal))
                .Select(g => new NodeChoice(g.Id, "　" + g.Name, JurisdictionLevel.Grid)));
        }

        // Grids of a user placed below a village (a grid manager): labelled with their village.
        result.AddRange(grids!.Where(g => villages.All(v => !g.Path.StartsWith(v.Path, StringComparison.Ordinal)))
            .Select(g => new NodeChoice(g.Id, g.Label, JurisdictionLevel.Grid)));
        return result;
    }

    /// <summary>
    /// Grids where the user may register households. Null when there are too many and no village is chosen yet:
    /// then <see cref="VillageChoicesAsync"/> gives the first step.
    /// </summary>
    public static async Task<IReadOnlyList<NodeChoice>?> EditableGridsAsync(AppDbContext db, CurrentUser me,
        Guid? villageId, CancellationToken ct)
    {
        var villages = await VillagesAsync(db, me, ct);
        var grids = await GridsAsync(db, me, villages, villageId, editableOnly: true, ct);
        return grids is null ? null : grids.Select(g => new NodeChoice(g.Id, g.Label, JurisdictionLevel.Grid)).ToList();
    }

    public static async Task<IReadOnlyList<NodeChoice>> VillageChoicesAsync(AppDbContext db, CurrentUser me,
        CancellationToken ct) =>
        (await VillagesAsync(db, me, ct)).Select(v => new NodeChoice(v.Id, v.Name, JurisdictionLevel.Village)).ToList();

    private sealed record Node(Guid Id, string Name, string Path, string Label);

    private static Task<List<Node>> VillagesAsync(AppDbContext db, CurrentUser me, CancellationToken ct) =>
        db.Jurisdictions.AsNoTracking().InScopeOf(me)
            .Where(j => j.IsActive && j.Level == JurisdictionLevel.Village)
            .OrderBy(j => j.Path)
            .Select(j => new Node(j.Id, j.Name, j.Path, j.Name))
            .ToListAsync(ct);

    /// <summary>Village names for labels, also of villages above the user's scope (a grid manager's village).</summary>
    private static async Task<List<Node>> LabelVillagesAsync(AppDbContext db, List<Node> villages, IEnumerable<string> gridPaths,
        CancellationToken ct)
    {
        var missing = gridPaths.Where(p => villages.All(v => !p.StartsWith(v.Path, StringComparison.Ordinal)))
            .SelectMany(p => p.Split('/', StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();
        if (missing.Count == 0)
        {
            return villages;
        }

        var more = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Level == JurisdictionLevel.Village && missing.Contains(j.Code))
            .Select(j => new Node(j.Id, j.Name, j.Path, j.Name))
            .ToListAsync(ct);
        return [.. villages, .. more];
    }

    private static async Task<List<Node>?> GridsAsync(AppDbContext db, CurrentUser me, List<Node> villages,
        Guid? villageId, bool editableOnly, CancellationToken ct)
    {
        var grids = db.Jurisdictions.AsNoTracking().InScopeOf(me)
            .Where(j => j.IsActive && j.Level == JurisdictionLevel.Grid);
        if (await grids.CountAsync(ct) > MaxGrids)
        {
            // The chosen node is a village, or a node below one (a grid chosen earlier).
            var chosenPath = villageId is { } chosen
                ? await db.Jurisdictions.AsNoTracking().Where(j => j.Id == chosen).Select(j => j.Path).FirstOrDefaultAsync(ct)
                : null;
            var village = chosenPath is null
                ? null
                : villages.FirstOrDefault(v => chosenPath.StartsWith(v.Path, StringComparison.Ordinal));
            if (village is null)
            {
                return editableOnly ? null : [];
            }

            var prefix = village.Path;
            grids = grids.Where(j => j.Path.StartsWith(prefix));
        }

        var rows = await grids.OrderBy(j => j.Path).Select(j => new { j.Id, j.Name, j.Path }).ToListAsync(ct);
        var labels = await LabelVillagesAsync(db, villages, rows.Select(r => r.Path), ct);
        return rows
            .Where(g => !editableOnly || me.HoldsAt(g.Path, RoleNames.RegistryEditors))
            .Select(g => new Node(g.Id, g.Name, g.Path,
                (labels.FirstOrDefault(v => g.Path.StartsWith(v.Path, StringComparison.Ordinal))?.Name is { } vn ? vn + " · " : "") + g.Name))
            .ToList();
    }
}
