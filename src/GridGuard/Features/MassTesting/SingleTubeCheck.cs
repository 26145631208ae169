using GridGuard.Features.ControlPlans;
using GridGuard.Features.Policies;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using static GridGuard.Features.MassTesting.PoolingRules;

namespace GridGuard.Features.MassTesting;

/// <summary>
/// Who must have a single tube (DOMAIN.md §7), for a set of persons at once: anyone under an open control plan, from a
/// High or Medium area (a plan of that risk level anchored in the last <see cref="RiskAreaDays"/> days), or with an
/// unresolved positive (a positive or pooled-positive sampling with no later single-tube negative).
/// </summary>
public static class SingleTubeCheck
{
    public static async Task<Dictionary<Guid, List<SingleTubeReason>>> ReasonsAsync(AppDbContext db,
        IReadOnlyCollection<Guid> personIds, DateOnly today, CancellationToken ct)
    {
        var reasons = new Dictionary<Guid, List<SingleTubeReason>>();
        if (personIds.Count == 0)
        {
            return reasons;
        }

        void Add(Guid person, SingleTubeReason reason)
        {
            if (!reasons.TryGetValue(person, out var list))
            {
                reasons[person] = list = [];
            }

            if (!list.Contains(reason))
            {
                list.Add(reason);
            }
        }

        var since = today.AddDays(-RiskAreaDays);
        var plans = await db.ControlPlans.AsNoTracking()
            .Where(p => EF.Parameter(personIds).Contains(p.PersonId) && p.Status != PlanStatus.Cancelled)
            .Where(p => p.Status == PlanStatus.Proposed || p.Status == PlanStatus.Active
                || ((p.RiskLevel == RiskLevel.High || p.RiskLevel == RiskLevel.Medium) && p.Anchor >= since))
            .Select(p => new { p.PersonId, p.Status, p.RiskLevel, p.Anchor })
            .ToListAsync(ct);
        foreach (var p in plans)
        {
            if (p.Status is PlanStatus.Proposed or PlanStatus.Active)
            {
                Add(p.PersonId, SingleTubeReason.OpenPlan);
            }

            if (p.RiskLevel is RiskLevel.High or RiskLevel.Medium && p.Anchor >= since)
            {
                Add(p.PersonId, SingleTubeReason.RiskArea);
            }
        }

        var positives = await db.Samplings.AsNoTracking()
            .Where(s => s.PersonId != null && EF.Parameter(personIds).Contains(s.PersonId.Value)
                && (s.Outcome == SamplingOutcome.Positive || s.Outcome == SamplingOutcome.PooledPositive))
            .Where(s => !db.Samplings.Any(later => later.PersonId == s.PersonId && later.SampledAt > s.SampledAt
                && later.Outcome == SamplingOutcome.Negative && later.Tube!.PoolSize == 1))
            .Select(s => s.PersonId!.Value)
            .Distinct()
            .ToListAsync(ct);
        foreach (var person in positives)
        {
            Add(person, SingleTubeReason.UnresolvedPositive);
        }

        return reasons;
    }
}
