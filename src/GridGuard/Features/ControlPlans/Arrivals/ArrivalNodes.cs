using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.ControlPlans.Arrivals;

/// <summary>The nodes a signed-in grid worker may file a report at: active villages, compounds and grids in their filing scope.</summary>
public static class ArrivalNodes
{
    public const int Max = 300;

    public static async Task<IReadOnlyList<(Guid Id, string Label)>> OfAsync(AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var rows = await db.Jurisdictions.AsNoTracking().InScopeOf(me, PlanText.Filers)
            .Where(j => j.IsActive && (j.Level == JurisdictionLevel.Village || j.Level == JurisdictionLevel.Compound || j.Level == JurisdictionLevel.Grid))
            .OrderBy(j => j.Path)
            .Take(Max)
            .Select(j => new { j.Id, j.Name, j.Level, ParentName = j.Parent == null ? "" : j.Parent.Name })
            .ToListAsync(ct);
        return [.. rows.Select(r => (r.Id, r.Level == JurisdictionLevel.Village ? r.Name : $"{r.ParentName} · {r.Name}"))];
    }
}
