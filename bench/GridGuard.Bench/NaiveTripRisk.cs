using GridGuard.Features.Policies;

namespace GridGuard.Bench;

/// <summary>
/// The baseline for plan-compute: the same rules as <see cref="RiskAreaIndex"/> (listed areas containing the place,
/// the county rule unless the exact place is listed, else Low) by scanning the whole list for every stay, as a
/// first version without an index would. Also the reference the bench checks the index against.
/// </summary>
public sealed class NaiveTripRisk(IReadOnlyList<ListedArea> areas)
{
    public RiskLevel? LevelOf(IReadOnlyList<Stay> stays)
    {
        RiskLevel? highest = null;
        foreach (var stay in stays)
        {
            var level = LevelOf(stay);
            highest = highest is null || level > highest ? level : highest;
        }

        return highest;
    }

    public RiskLevel LevelOf(Stay stay)
    {
        var place = stay.Place;
        var county = place.County;
        RiskLevel? listed = null;
        RiskLevel? inCounty = null;
        var exact = false;
        foreach (var area in areas)
        {
            if (!area.InForceDuring(stay))
            {
                continue;
            }

            var code = area.Place.DivisionCode;
            var sameCode = code == place.DivisionCode;
            var contains = sameCode
                ? area.Place.SubArea is null || area.Place.SubArea == place.SubArea
                : area.Place.SubArea is null && place.DivisionCode.StartsWith(code, StringComparison.Ordinal);
            if (contains)
            {
                exact |= sameCode && area.Place.SubArea == place.SubArea;
                listed = listed is null || area.Level > listed ? area.Level : listed;
            }

            if (area.Level > RiskLevel.Low && code.StartsWith(county, StringComparison.Ordinal))
            {
                inCounty = inCounty is null || area.Level > inCounty ? area.Level : inCounty;
            }
        }

        var level = listed ?? RiskLevel.Low;
        return !exact && inCounty > level ? inCounty.Value : level;
    }
}
