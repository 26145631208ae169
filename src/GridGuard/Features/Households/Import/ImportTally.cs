using C = GridGuard.Features.Households.Import.ImportColumns;

namespace GridGuard.Features.Households.Import;

/// <summary>
/// The rows of one upload, read as the importer asks for them, and (when the reader can tell) how many rows the whole
/// file probably holds given how many have been read.
/// </summary>
public sealed record ImportInput(string FileName, IEnumerable<ImportRow> Rows, Func<int, int?>? EstimateRows = null);

/// <summary>How far an import has come: rows read and planned so far, how many went in, how many were refused.</summary>
public sealed record ImportProgress(int Rows, int Imported, int Rejected)
{
    /// <summary>The rows the whole file probably holds (from how far into the file the reader is); null when unknown.</summary>
    public int? EstimatedRows { get; init; }

    /// <summary>Every row has been read and written; what is left is rebuilding indexes (large uploads) and the commit.</summary>
    public bool Finishing { get; init; }
}

/// <summary>
/// The running totals of an import, chunk by chunk: counts, the imported row numbers as ranges, and the first
/// <see cref="HouseholdImportReport.MaxErrors"/> errors (all are counted). Chunks are consecutive runs of rows, so
/// appending chunk by chunk keeps everything in row order.
/// </summary>
internal sealed class ImportTally
{
    private readonly List<RowRange> imported = [];
    private readonly List<RowError> errors = [];

    public int Rows { get; private set; }

    public int Imported { get; private set; }

    public int Rejected { get; private set; }

    public int ErrorCount { get; private set; }

    public int PersonsCreated { get; set; }

    public int PersonsUpdated { get; set; }

    public int PersonsUnchanged { get; set; }

    public int HouseholdsCreated { get; set; }

    public HashSet<Guid> HouseholdsUpdated { get; } = [];

    public ImportProgress Progress => new(Rows, Imported, Rejected);

    /// <summary>Adds a finished chunk: its rows (with their errors) and the row numbers that went in.</summary>
    public void Add(IReadOnlyList<ImportRow> rows, IEnumerable<int> importedRows)
    {
        Rows += rows.Count;
        foreach (var r in importedRows.Order())
        {
            Imported++;
            if (imported.Count > 0 && imported[^1].To + 1 == r)
            {
                imported[^1] = imported[^1] with { To = r };
            }
            else if (imported.Count == 0 || imported[^1].To != r)
            {
                imported.Add(new RowRange(r, r));
            }
        }

        foreach (var row in rows.Where(r => !r.IsGood))
        {
            Rejected++;
            ErrorCount += row.Errors.Count;
            if (errors.Count < HouseholdImportReport.MaxErrors)
            {
                errors.AddRange(row.Errors
                    .Select(e => e with { Name = row.Name })
                    .OrderBy(e => C.All.FirstOrDefault(c => c.Name == e.Column)?.Index ?? -1)
                    .Take(HouseholdImportReport.MaxErrors - errors.Count));
            }
        }
    }

    public HouseholdImportReport Report(string fileName) => new(
        fileName, Rows, Imported, Rejected, PersonsCreated, PersonsUpdated, PersonsUnchanged,
        HouseholdsCreated, HouseholdsUpdated.Count, imported, ErrorCount, errors);
}
