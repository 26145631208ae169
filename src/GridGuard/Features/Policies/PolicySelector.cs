namespace GridGuard.Features.Policies;

/// <summary>Which rulebook applies to a plan.</summary>
public static class PolicySelector
{
    /// <summary>
    /// The policy in force on <paramref name="day"/> (the plan's anchor date): the latest effective date on or before
    /// it; on the same date the higher version, then the name in ordinal order (so the choice is deterministic).
    /// Null when none is in force yet.
    /// </summary>
    public static Rulebook? InForce(IEnumerable<Rulebook> rulebooks, DateOnly day)
    {
        Rulebook? best = null;
        foreach (var r in rulebooks)
        {
            if (r.EffectiveDate <= day && (best is null || Compare(r, best) > 0))
            {
                best = r;
            }
        }

        return best;
    }

    /// <summary>The highest version of the rulebook named <paramref name="name"/>, or null.</summary>
    public static Rulebook? Latest(IEnumerable<Rulebook> rulebooks, string name) =>
        rulebooks.Where(r => string.Equals(r.Name, name, StringComparison.Ordinal)).MaxBy(r => r.Version);

    private static int Compare(Rulebook a, Rulebook b)
    {
        var byDate = a.EffectiveDate.CompareTo(b.EffectiveDate);
        if (byDate != 0)
        {
            return byDate;
        }

        var byVersion = a.Version.CompareTo(b.Version);
        return byVersion != 0 ? byVersion : -string.CompareOrdinal(a.Name, b.Name);
    }
}
