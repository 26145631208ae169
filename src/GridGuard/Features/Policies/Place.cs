namespace GridGuard.Features.Policies;

/// <summary>
/// A place in a risk-area list or a stay: a division code (GB/T 2260: 2 province, 4 city, 6 county, 9 township,
/// 12 village; own codes extend their parent's) and an optional free-text sub-area (a compound, a street).
/// Construct with <see cref="Of"/>: the sub-area is compared without white space (ASCII or full-width).
/// </summary>
public readonly record struct Place
{
    private Place(string divisionCode, string? subArea)
    {
        DivisionCode = divisionCode;
        SubArea = subArea;
    }

    /// <summary>Code lengths of a province, city, county and township; villages have 12 digits.</summary>
    private static readonly int[] StandardLengths = [2, 4, 6, 9];

    public string DivisionCode { get; }

    public string? SubArea { get; }

    /// <summary>The 6-digit county of the code; a code coarser than a county (a city, a province) is its own.</summary>
    public string County => DivisionCode.Length >= 6 ? DivisionCode[..6] : DivisionCode;

    public static Place Of(string divisionCode, string? subArea = null)
    {
        var code = divisionCode.Trim();
        var sub = subArea is null ? null : string.Concat(subArea.Where(c => !char.IsWhiteSpace(c)));
        return new Place(code, string.IsNullOrEmpty(sub) ? null : sub);
    }

    /// <summary>
    /// The codes whose areas contain this place's code: its ancestors at the standard lengths (2, 4, 6, 9, 12, and
    /// every length above 12 for own codes) and the code itself, shortest first.
    /// </summary>
    public IEnumerable<string> CoveringCodes()
    {
        var code = DivisionCode;
        foreach (var length in StandardLengths)
        {
            if (length < code.Length)
            {
                yield return code[..length];
            }
        }

        for (var length = 12; length < code.Length; length++)
        {
            yield return code[..length];
        }

        yield return code;
    }

    public override string ToString() => SubArea is null ? DivisionCode : $"{DivisionCode} {SubArea}";
}

/// <summary>
/// One entry of the published risk-area list: a place, a level and a period [From, To): <see cref="To"/> is
/// exclusive, and null while the level is still in force.
/// </summary>
public sealed record ListedArea(Place Place, RiskLevel Level, DateOnly From, DateOnly? To)
{
    /// <summary>Whether the period overlaps the stay's inclusive dates.</summary>
    public bool InForceDuring(Stay stay) => From <= stay.To && (To is not { } to || to > stay.From);
}

/// <summary>A stay of a trip (旅居史): a place and inclusive dates.</summary>
public sealed record Stay(Place Place, DateOnly From, DateOnly To);
