namespace GridGuard.Features.Policies;

/// <summary>
/// The risk of a trip (DOMAIN.md §5), over a risk-area list indexed by code so that a stay costs a handful of
/// dictionary look-ups whatever the list's size.
/// <list type="bullet">
/// <item>Listed: the highest level in force during the stay among the areas that contain the place: the same code
/// (the whole division, or the same sub-area), or an ancestor code (a whole county, city or province).</item>
/// <item>County rule (004): unless the exact place (same code, same sub-area or none on both) is itself listed in
/// force, any Medium or High area in force during the stay in the same 6-digit county also counts; the higher wins.
/// A place coarser than a county (a city, a province) uses its own code as the “county”.</item>
/// <item>A stay matching nothing counts as Low.</item>
/// </list>
/// </summary>
public sealed class RiskAreaIndex
{
    private readonly Dictionary<string, ListedArea[]> byCode;
    private readonly Dictionary<string, ListedArea[]> elevatedByCounty;

    private RiskAreaIndex(Dictionary<string, ListedArea[]> byCode, Dictionary<string, ListedArea[]> elevatedByCounty)
    {
        this.byCode = byCode;
        this.elevatedByCounty = elevatedByCounty;
    }

    public int Count { get; private init; }

    public static RiskAreaIndex Build(IEnumerable<ListedArea> areas)
    {
        var list = areas.ToList();
        var byCode = list.GroupBy(a => a.Place.DivisionCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

        // Medium/High areas under each prefix a stay may use as its county: 6 digits, or a coarser stay's own code.
        var elevated = new Dictionary<string, List<ListedArea>>(StringComparer.Ordinal);
        foreach (var area in list.Where(a => a.Level > RiskLevel.Low))
        {
            var code = area.Place.DivisionCode;
            foreach (var length in (ReadOnlySpan<int>)[2, 4, 6])
            {
                if (code.Length < length)
                {
                    break;
                }

                var key = code[..length];
                if (!elevated.TryGetValue(key, out var bucket))
                {
                    elevated[key] = bucket = [];
                }

                bucket.Add(area);
            }
        }

        return new RiskAreaIndex(byCode, elevated.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal))
        {
            Count = list.Count,
        };
    }

    /// <summary>The highest level over the stays of a trip; null for a trip without stays (level unknown).</summary>
    public RiskLevel? LevelOf(IEnumerable<Stay> stays)
    {
        RiskLevel? highest = null;
        foreach (var stay in stays)
        {
            var level = Assess(stay).Level;
            if (highest is null || level > highest)
            {
                highest = level;
            }
        }

        return highest;
    }

    public RiskLevel LevelOf(Stay stay) => Assess(stay).Level;

    /// <summary>The level of one stay, with the area that decided it and why (for the plan's explanation).</summary>
    public StayRisk Assess(Stay stay)
    {
        var place = stay.Place;
        ListedArea? listed = null;
        var exact = false;
        foreach (var code in place.CoveringCodes())
        {
            if (!byCode.TryGetValue(code, out var areas))
            {
                continue;
            }

            var sameCode = code.Length == place.DivisionCode.Length;
            foreach (var area in areas)
            {
                var sub = area.Place.SubArea;
                var contains = sub is null || (sameCode && string.Equals(sub, place.SubArea, StringComparison.Ordinal));
                if (!contains || !area.InForceDuring(stay))
                {
                    continue;
                }

                exact |= sameCode && sub == place.SubArea;
                if (listed is null || area.Level > listed.Level)
                {
                    listed = area;
                }
            }
        }

        if (!exact && elevatedByCounty.TryGetValue(place.County, out var county))
        {
            ListedArea? highest = null;
            foreach (var area in county)
            {
                if (area.InForceDuring(stay) && (highest is null || area.Level > highest.Level))
                {
                    highest = area;
                }
            }

            if (highest is not null && highest.Level > (listed?.Level ?? RiskLevel.Low))
            {
                return new StayRisk(stay, highest.Level, RiskBasis.CountyRule, highest);
            }
        }

        return listed is null
            ? new StayRisk(stay, RiskLevel.Low, RiskBasis.Unlisted, null)
            : new StayRisk(stay, listed.Level, RiskBasis.Listed, listed);
    }
}

/// <summary>Why a stay has its level.</summary>
public enum RiskBasis
{
    /// <summary>An area containing the place was in force during the stay.</summary>
    Listed,

    /// <summary>The exact place was not listed; a Medium/High area of the same county was in force (004).</summary>
    CountyRule,

    /// <summary>Nothing matched: Low.</summary>
    Unlisted,
}

public sealed record StayRisk(Stay Stay, RiskLevel Level, RiskBasis Basis, ListedArea? Area);
