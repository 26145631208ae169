using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Quarantine.Sites;

/// <summary>Choices for the pages: nodes where the user may register a site, and the sites they may pick from.</summary>
public static class SiteNodes
{
    public const int MaxNodes = 300;

    /// <summary>Active county, township and village nodes where the user holds a site-manager role, in tree order.</summary>
    public static async Task<IReadOnlyList<NodeChoice>> ManagedAsync(AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var levels = SiteInput.Levels.ToList();
        var rows = await db.Jurisdictions.AsNoTracking().InScopeOf(me, SiteRules.Managers)
            .Where(j => j.IsActive && levels.Contains(j.Level))
            .OrderBy(j => j.Path)
            .Take(MaxNodes)
            .Select(j => new { j.Id, j.Name, j.Level })
            .ToListAsync(ct);
        return rows.Select(r => new NodeChoice(r.Id, $"{r.Name}（{r.Level.Label()}）", r.Level)).ToList();
    }

    /// <summary>Sites in scope other than <paramref name="except"/>, by name: where a transfer may start.</summary>
    public static async Task<IReadOnlyList<(Guid Id, string Name)>> OtherSitesAsync(AppDbContext db, CurrentUser me,
        Guid except, CancellationToken ct)
    {
        var rows = await db.QuarantineSites.AsNoTracking().InScopeOf(me).Where(s => s.Id != except)
            .OrderBy(s => s.Name).Take(MaxNodes).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Name)).ToList();
    }
}
