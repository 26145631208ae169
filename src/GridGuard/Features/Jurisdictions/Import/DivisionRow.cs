namespace GridGuard.Features.Jurisdictions.Import;

/// <summary>One node to import, as read from a file. <see cref="Line"/> is the 1-based line in that file.</summary>
public sealed record DivisionRow(
    int Line,
    string Code,
    string Name,
    JurisdictionLevel Level,
    string? ParentCode,
    Settlement? Settlement = null);

/// <summary>One rejected row: its line number, the field, and the reason in Chinese.</summary>
public sealed record ImportError(int Line, string Field, string Message);

/// <summary>
/// The outcome of importing one file. Either every row was written (<see cref="Written"/>) or,
/// when any row is bad, none was, and <see cref="Errors"/> lists every bad row.
/// </summary>
public sealed record ImportReport(
    string Source,
    int Rows,
    int Inserted,
    int Updated,
    int Unchanged,
    int Moved,
    IReadOnlyList<ImportError> Errors)
{
    public bool Written => Errors.Count == 0;

    /// <summary>Nodes that the file does not mention but whose path changed because an ancestor moved.</summary>
    public int MovedDescendants { get; init; }

    public static ImportReport Failed(string source, int rows, IReadOnlyList<ImportError> errors) =>
        new(source, rows, 0, 0, 0, 0, errors);
}
