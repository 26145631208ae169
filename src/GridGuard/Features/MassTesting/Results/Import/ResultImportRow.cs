using GridGuard.Features.ControlPlans;
using GridGuard.Features.Households.Import;
using C = GridGuard.Features.MassTesting.Results.Import.ResultColumns;

namespace GridGuard.Features.MassTesting.Results.Import;

/// <summary>One row of a result file, its cells read and checked on their own (no I/O); the tube is found by the importer.</summary>
public sealed class ResultImportRow
{
    public required int Row { get; init; }

    public List<RowError> Errors { get; } = [];

    public bool IsGood => Errors.Count == 0;

    public string? Barcode { get; private set; }

    public TestResult? Result { get; private set; }

    public void Fail(ImportColumn column, string message) => Errors.Add(new RowError(Row, column.Name, message));

    public static ResultImportRow Parse(ImportRecord record)
    {
        var row = new ResultImportRow { Row = record.Row };
        if (record.Problem is not null)
        {
            row.Errors.Add(new RowError(row.Row, "整行", record.Problem));
        }

        var barcode = row.Text(record, C.Barcode, Tube.BarcodeMaxLength + 10);
        if (barcode is not null)
        {
            if (PoolingRules.BarcodeError(barcode) is { } error)
            {
                row.Fail(C.Barcode, error.Replace("采样管条码", "条码", StringComparison.Ordinal));
            }
            else
            {
                row.Barcode = barcode;
            }
        }

        var result = row.Text(record, C.Result, 20);
        if (result is not null)
        {
            row.Result = LabResults.Parse(result);
            if (row.Result is null)
            {
                row.Fail(C.Result, $"结果：“{result}”无效，{LabResults.ResultHint}");
            }
        }

        return row;
    }

    private string? Text(ImportRecord record, ImportColumn column, int maxLength)
    {
        var text = ImportCells.Text(record[column], column, maxLength, required: true, out var error);
        if (error is not null)
        {
            Fail(column, error);
        }

        return text;
    }
}
