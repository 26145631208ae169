using GridGuard.Features.Households.Import;

namespace GridGuard.Features.Venues.Import;

/// <summary>
/// What a venue list upload did. Good rows went in (<see cref="ImportedRows"/>): new venues were registered, known
/// ones (same grid and name) updated or found unchanged. Bad rows did not, and each of their reasons is in
/// <see cref="Errors"/> (the first <see cref="MaxErrors"/>; <see cref="ErrorCount"/> counts all).
/// </summary>
public sealed record VenueImportReport(
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
