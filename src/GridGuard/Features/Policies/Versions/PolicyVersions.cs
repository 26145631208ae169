using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using FieldErrors = GridGuard.Features.Households.FieldErrors;

namespace GridGuard.Features.Policies.Versions;

/// <summary>A stored policy version with its rulebook rebuilt from the JSON.</summary>
public sealed record StoredPolicy(Policy Row, Rulebook Rulebook);

/// <summary>
/// Reading stored policy versions back as rulebooks, and the policy in force on a day (<see cref="PolicySelector"/>
/// over the active versions). The seam for plans: compute with <see cref="InForceAsync"/>, and for a policy switch
/// call <see cref="PolicyChange.Diff"/> with the open plan and the new version's rulebook.
/// </summary>
public static class PolicyVersions
{
    public static async Task<IReadOnlyList<StoredPolicy>> LoadAsync(AppDbContext db, bool activeOnly, CancellationToken ct)
    {
        var query = db.Policies.AsNoTracking();
        if (activeOnly)
        {
            query = query.Where(p => p.IsActive);
        }

        var rows = await query.OrderBy(p => p.Name).ThenByDescending(p => p.Version).ToListAsync(ct);
        return [.. rows.Select(r => Rebuild(r) is { } rulebook ? new StoredPolicy(r, rulebook) : null).OfType<StoredPolicy>()];
    }

    /// <summary>The rulebook of a stored version; null only if its JSON no longer validates (never written so).</summary>
    public static Rulebook? Rebuild(Policy row) => RulebookJson.Read(row.Rules, new FieldErrors());

    /// <summary>The active version in force on <paramref name="day"/>, or null.</summary>
    public static StoredPolicy? InForce(IReadOnlyList<StoredPolicy> active, DateOnly day) =>
        PolicySelector.InForce(active.Where(p => p.Row.IsActive).Select(p => p.Rulebook), day) is { } rulebook
            ? active.First(p => p.Row.Name == rulebook.Name && p.Row.Version == rulebook.Version)
            : null;

    public static async Task<StoredPolicy?> InForceAsync(AppDbContext db, DateOnly day, CancellationToken ct) =>
        InForce(await LoadAsync(db, activeOnly: true, ct), day);
}
