namespace GridGuard.Features.Households.Import;

/// <summary>A run of consecutive row numbers, e.g. rows 3–10.</summary>
public sealed record RowRange(int From, int To)
{
    public override string ToString() => From == To ? $"{From}" : $"{From}–{To}";

    public static IReadOnlyList<RowRange> Of(IEnumerable<int> rows)
    {
        var ranges = new List<RowRange>();
        foreach (var r in rows.Order())
        {
            if (ranges.Count > 0 && ranges[^1].To + 1 == r)
            {
                ranges[^1] = ranges[^1] with { To = r };
            }
            else if (ranges.Count == 0 || ranges[^1].To != r)
            {
                ranges.Add(new RowRange(r, r));
            }
        }

        return ranges;
    }
}

/// <summary>
/// What an upload did. Good rows went in (<see cref="ImportedRows"/>); bad rows did not, and each of their reasons is in
/// <see cref="Errors"/> (the first <see cref="HouseholdImportReport.MaxErrors"/>; <see cref="ErrorCount"/> counts all).
/// </summary>
public sealed record HouseholdImportReport(
    string FileName,
    int Rows,
    int ImportedPersons,
    int RejectedRows,
    int PersonsCreated,
    int PersonsUpdated,
    int PersonsUnchanged,
    int HouseholdsCreated,
    int HouseholdsUpdated,
    IReadOnlyList<RowRange> ImportedRows,
    int ErrorCount,
    IReadOnlyList<RowError> Errors)
{
    public const int MaxErrors = 1000;

    public bool ErrorsTruncated => ErrorCount > Errors.Count;
}
