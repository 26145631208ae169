namespace GridGuard.Features.Households.Import;

/// <summary>
/// What a list upload of one row per thing (venues, risk areas) did. Good rows went in (<see cref="ImportedRows"/>): new
/// things were registered, known ones (same identity: grid and name, or place, level and start) updated or found unchanged. Bad rows did not, and each of their reasons is in
/// <see cref="Errors"/> (the first <see cref="MaxErrors"/>; <see cref="ErrorCount"/> counts all).
/// </summary>
public sealed record ListImportReport(
    string FileName,
    int Rows,
    int Imported,
    int RejectedRows,
    int Created,
    int Updated,
    int Unchanged,
    IReadOnlyList<RowRange> ImportedRows,
    int ErrorCount,
    IReadOnlyList<RowError> Errors)
{
    public const int MaxErrors = 1000;

    public bool ErrorsTruncated => ErrorCount > Errors.Count;
}
