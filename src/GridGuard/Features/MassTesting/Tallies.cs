using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting;

/// <summary>
/// The one place that moves <see cref="RoundTally"/> counters. Callers change <see cref="RoundMember"/> rows and call this
/// in the same transaction, with the change per node.
/// </summary>
public static class Tallies
{
    public readonly record struct Delta(int Sampled, int Exempt, int SampledExempt)
    {
        public static Delta operator +(Delta a, Delta b) =>
            new(a.Sampled + b.Sampled, a.Exempt + b.Exempt, a.SampledExempt + b.SampledExempt);
    }

    /// <summary>A member sampled for the first time (exempt or not).</summary>
    public static Delta FirstSampling(bool exempt) => new(1, 0, exempt ? 1 : 0);

    /// <summary>An exemption recorded (+1) or lifted (-1) for a member who is or is not sampled yet.</summary>
    public static Delta Exemption(int sign, bool sampled) => new(0, sign, sampled ? sign : 0);

    public static async Task ApplyAsync(AppDbContext db, Guid roundId, IEnumerable<KeyValuePair<Guid, Delta>> perNode,
        CancellationToken ct)
    {
        foreach (var (node, d) in perNode)
        {
            if (d == default)
            {
                continue;
            }

            await db.RoundTallies
                .Where(t => t.RoundId == roundId && t.JurisdictionId == node)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Sampled, t => t.Sampled + d.Sampled)
                    .SetProperty(t => t.Exempt, t => t.Exempt + d.Exempt)
                    .SetProperty(t => t.SampledExempt, t => t.SampledExempt + d.SampledExempt), ct);
        }
    }

    public static Task ApplyAsync(AppDbContext db, Guid roundId, Guid node, Delta delta, CancellationToken ct) =>
        ApplyAsync(db, roundId, [new KeyValuePair<Guid, Delta>(node, delta)], ct);
}
