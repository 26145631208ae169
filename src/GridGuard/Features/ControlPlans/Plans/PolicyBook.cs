using GridGuard.Features.Households;
using GridGuard.Features.Policies;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.ControlPlans.Plans;

/// <summary>A rulebook version and the Policies row it was read from (null for a shipped file read directly).</summary>
public sealed record StoredRulebook(Guid? PolicyId, Rulebook Rulebook);

/// <summary>
/// The rulebooks plans are computed under: the active versions of the Policies table (name, version and effective date
/// from their columns), or — while the table is empty (nothing loaded yet) — the shipped files.
/// </summary>
public static class PolicyBook
{
    private static readonly Lazy<IReadOnlyList<Rulebook>> Shipped = new(() => ShippedRulebooks.LoadValid());

    public static async Task<IReadOnlyList<StoredRulebook>> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var rows = await db.Policies.AsNoTracking()
            .Where(p => p.IsActive)
            .Select(p => new { p.Id, p.Name, p.Version, p.EffectiveOn, p.Rules })
            .ToListAsync(ct);
        var list = new List<StoredRulebook>(rows.Count);
        foreach (var row in rows)
        {
            // A stored version was validated when saved; one that no longer reads is skipped rather than guessed at.
            if (RulebookJson.Read(row.Rules, new FieldErrors()) is { } rulebook)
            {
                list.Add(new StoredRulebook(row.Id, rulebook with { Name = row.Name, Version = row.Version, EffectiveDate = row.EffectiveOn }));
            }
        }

        return list.Count > 0 ? list : [.. Shipped.Value.Select(r => new StoredRulebook(null, r))];
    }

    /// <summary>The latest version named <paramref name="name"/> when one is asked for, else the one in force on <paramref name="anchor"/>.</summary>
    public static StoredRulebook? Select(IReadOnlyList<StoredRulebook> book, string? name, DateOnly anchor)
    {
        var chosen = string.IsNullOrWhiteSpace(name)
            ? PolicySelector.InForce(book.Select(b => b.Rulebook), anchor)
            : PolicySelector.Latest(book.Select(b => b.Rulebook), name.Trim());
        return chosen is null ? null : book.First(b => ReferenceEquals(b.Rulebook, chosen));
    }

    /// <summary>The exact version a plan was made under, to recompute it on a staff decision.</summary>
    public static StoredRulebook? Version(IReadOnlyList<StoredRulebook> book, string? name, int? version) =>
        name is null ? null : book.FirstOrDefault(b => b.Rulebook.Name == name && b.Rulebook.Version == version);
}
