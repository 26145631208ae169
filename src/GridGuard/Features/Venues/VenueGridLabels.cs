using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Venues;

/// <summary>
/// "村（社区）名 · 网格名" for grids given by path: grid names repeat from village to village ("第一网格"), so lists and
/// exports name the village too. One query for the villages on the given paths.
/// </summary>
public static class VenueGridLabels
{
    public static async Task<Func<string, string, string>> LoadAsync(AppDbContext db, IEnumerable<string> gridPaths,
        CancellationToken ct)
    {
        var codes = gridPaths.SelectMany(p => p.Split('/', StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();
        var villages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in codes.Chunk(500))
        {
            var found = await db.Jurisdictions.AsNoTracking()
                .Where(j => j.Level == JurisdictionLevel.Village && chunk.Contains(j.Code))
                .Select(j => new { j.Code, j.Name })
                .ToListAsync(ct);
            foreach (var v in found)
            {
                villages[v.Code] = v.Name;
            }
        }

        return (path, gridName) =>
            path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(c => villages.GetValueOrDefault(c)).LastOrDefault(n => n is not null)
                is { } village ? village + " · " + gridName : gridName;
    }
}
