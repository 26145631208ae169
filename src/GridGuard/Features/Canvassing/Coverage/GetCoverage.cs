using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Canvassing.Coverage;

/// <summary>
/// GET /api/canvassing/coverage/{jurisdictionId}: "不漏一户、不漏一人" for a node and each child — households without a
/// steward or an address, persons without a household, households not yet visited in their current canvass (null where
/// no canvass runs), key persons (flags not cleared: open or confirmed) by category, and vulnerable groups by kind (recorded + derived from age).
/// </summary>
public static class GetCoverage
{
    public sealed record Metrics(int Households, int Persons, int HouseholdsWithoutSteward, int HouseholdsWithoutAddress,
        int PersonsWithoutHousehold, int? HouseholdsUnvisited, int KeyPersons,
        IReadOnlyDictionary<string, int> KeyPersonsByCategory, IReadOnlyDictionary<string, int> VulnerableGroups);

    public sealed record Row(Guid JurisdictionId, string Code, string Name, string LevelLabel, Metrics Metrics);

    public sealed record CanvassRef(Guid Id, string Name, Guid RootId, string RootName, DateOnly StartsOn, DateOnly EndsOn);

    public sealed record AncestorRef(Guid Id, string Name);

    /// <summary>Ancestors are those inside the user's scope, top down, for the breadcrumb.</summary>
    public sealed record Response(Row Node, IReadOnlyList<AncestorRef> Ancestors, CanvassRef? CurrentCanvass,
        IReadOnlyList<CanvassRef> CanvassesBelow, IReadOnlyList<Row> Children, DateOnly Today);

    public static RouteGroupBuilder MapGetCoverage(this RouteGroupBuilder group)
    {
        group.MapGet("/coverage/{jurisdictionId:guid}", HandleAsync).WithName("GetCoverage")
            .WithSummary("排查覆盖情况：本级与各下级的无包户、无户人员、未走访、重点人员、特殊群体");
        return group;
    }

    public static async Task<Results<Ok<Response>, NotFound>> HandleAsync(Guid jurisdictionId, AppDbContext db, CurrentUser me,
        CountyClock clock, CancellationToken ct)
    {
        var result = await LoadAsync(db, me, clock.Today, jurisdictionId, ct);
        return result is null ? TypedResults.NotFound() : TypedResults.Ok(result);
    }

    /// <summary>Shared with the page; null when the node does not exist or lies outside the user's scope.</summary>
    public static async Task<Response?> LoadAsync(AppDbContext db, CurrentUser me, DateOnly today, Guid jurisdictionId,
        CancellationToken ct)
    {
        var node = await db.Jurisdictions.AsNoTracking().InScopeOf(me)
            .Where(j => j.Id == jurisdictionId)
            .Select(j => new { j.Id, j.Code, j.Name, j.Level, j.Path })
            .FirstOrDefaultAsync(ct);
        if (node is null)
        {
            return null;
        }

        var ancestorPaths = Canvasses.AncestorOrSelfPaths(node.Path)[..^1];
        var ancestors = await db.Jurisdictions.AsNoTracking().InScopeOf(me)
            .Where(j => ancestorPaths.Contains(j.Path))
            .OrderBy(j => j.Depth)
            .Select(j => new AncestorRef(j.Id, j.Name))
            .ToListAsync(ct);
        var children = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.ParentId == node.Id)
            .OrderBy(j => j.Code)
            .Select(j => new { j.Id, j.Code, j.Name, j.Level, j.Path })
            .ToListAsync(ct);

        var active = await Canvasses.ActiveAroundAsync(db, node.Path, today, ct);
        var byNode = await NodeTallies.LoadAsync(db, node.Path, today, active, ct);

        var total = new Tally();
        var childTallies = children.ToDictionary(c => c.Path, _ => new Tally(), StringComparer.Ordinal);
        foreach (var (_, path, tally) in byNode)
        {
            total.Add(tally);
            if (path.Length > node.Path.Length)
            {
                var childPath = path[..(path.IndexOf('/', node.Path.Length) + 1)];
                if (childTallies.TryGetValue(childPath, out var child))
                {
                    child.Add(tally);
                }
            }
        }

        Metrics ToMetrics(Tally t, string path) => new(t.Households, t.Persons, t.HouseholdsWithoutSteward,
            t.HouseholdsWithoutAddress, t.PersonsWithoutHousehold,
            Canvasses.Touches(active, path) ? t.HouseholdsUnvisited : null,
            t.KeyPersons,
            Enum.GetValues<KeyPersonCategory>().Where(t.KeyPersonsByCategory.ContainsKey)
                .ToDictionary(c => c.ToString(), c => t.KeyPersonsByCategory[c]),
            Enum.GetValues<VulnerableGroup>().Where(t.VulnerableGroups.ContainsKey)
                .ToDictionary(g => g.ToString(), g => t.VulnerableGroups[g]));

        var current = Canvasses.CurrentFor(active, node.Path);
        return new Response(
            new Row(node.Id, node.Code, node.Name, node.Level.Label(), ToMetrics(total, node.Path)),
            ancestors,
            current is null ? null : Ref(current),
            active.Where(c => c.RootPath.Length > node.Path.Length).Select(Ref).ToList(),
            children.Select(c => new Row(c.Id, c.Code, c.Name, c.Level.Label(), ToMetrics(childTallies[c.Path], c.Path))).ToList(),
            today);
    }

    private static CanvassRef Ref(ActiveCanvass c) => new(c.Id, c.Name, c.RootId, c.RootName, c.StartsOn, c.EndsOn);
}
