using GridGuard.Platform;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Policies.Versions;

/// <summary>
/// At start, in every environment: each shipped rulebook (<see cref="ShippedRulebooks"/>) becomes a Policy row
/// (IsShipped, the version of its file) when that (Name, Version) is not stored yet. Idempotent; a stored version is
/// never changed, so a withdrawn or superseded shipped version stays as the county left it.
/// </summary>
public static class SeedShippedPolicies
{
    /// <summary>Inserts the missing shipped versions; returns how many were added.</summary>
    public static async Task<int> RunAsync(AppDbContext db, CountyClock clock, ILogger log, CancellationToken ct = default)
    {
        var shipped = ShippedRulebooks.LoadValid();
        var names = shipped.Select(r => r.Name).Distinct().ToList();
        var stored = (await db.Policies.AsNoTracking().Where(p => names.Contains(p.Name))
                .Select(p => new { p.Name, p.Version }).ToListAsync(ct))
            .Select(p => (p.Name, p.Version)).ToHashSet();
        var added = 0;
        foreach (var rulebook in shipped.Where(r => !stored.Contains((r.Name, r.Version))))
        {
            db.Policies.Add(new Policy
            {
                Name = rulebook.Name,
                Version = rulebook.Version,
                EffectiveOn = rulebook.EffectiveDate,
                Rules = RulebookJson.Write(rulebook),
                IsActive = true,
                IsShipped = true,
                CreatedAt = clock.UtcNow,
            });
            added++;
        }

        if (added > 0)
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e)
            {
                // Another instance seeded the same versions at the same moment: theirs stand.
                log.LogWarning(e, "Shipped policies were seeded concurrently; keeping the stored rows");
                db.ChangeTracker.Clear();
                return 0;
            }

            log.LogInformation("Shipped policies stored: {Count} new versions", added);
        }

        return added;
    }
}
