using System.Globalization;
using System.Text.RegularExpressions;
using GridGuard.Features.Households.Import;
using C = GridGuard.Features.Policies.RiskAreas.Import.RiskAreaColumns;

namespace GridGuard.Features.Policies.RiskAreas.Import;

/// <summary>One risk-area row, its cells read and checked on their own (no I/O); the field rules run later in the importer.</summary>
public sealed partial class RiskAreaImportRow
{
    public required int Row { get; init; }

    public List<RowError> Errors { get; } = [];

    public bool IsGood => Errors.Count == 0;

    public RiskAreaInput Input { get; } = new();

    /// <summary>The checked values, set by the importer when the row passes the shared checks.</summary>
    public RiskAreaValues? Values { get; set; }

    public void Fail(ImportColumn column, string message) => Errors.Add(new RowError(Row, column.Name, message));

    public void Fail(string column, string message) => Errors.Add(new RowError(Row, column, message));

    public static RiskAreaImportRow Parse(ImportRecord record)
    {
        var row = new RiskAreaImportRow { Row = record.Row };
        if (record.Problem is not null)
        {
            row.Fail("整行", record.Problem);
        }

        row.Input.DivisionCode = row.Text(record, C.DivisionCode, 20, required: true);
        row.Input.PlaceName = row.Text(record, C.PlaceName, RiskAreaRules.PlaceNameMaxLength);
        row.Input.SubArea = row.Text(record, C.SubArea, RiskArea.SubAreaMaxLength);
        row.Input.Level = row.Text(record, C.Level, 10, required: true);
        row.Input.From = row.Date(record, C.From, required: true);
        row.Input.To = row.Date(record, C.To, required: false);
        row.Input.Source = row.Text(record, C.Source, RiskAreaRules.SourceMaxLength);
        return row;
    }

    /// <summary>2022-11-20, 2022/11/20, 2022.11.20, 20221120, 2022年11月20日, or a spreadsheet day number.</summary>
    public static DateOnly? ParseDate(string text)
    {
        var t = text.Trim();
        if (DayNumber().IsMatch(t) && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
        {
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        }

        if (t.Length == 8 && t.All(char.IsAsciiDigit))
        {
            t = $"{t[..4]}-{t[4..6]}-{t[6..]}";
        }

        var m = Ymd().Match(t);
        return m.Success
            && int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var y)
            && int.TryParse(m.Groups[2].Value, CultureInfo.InvariantCulture, out var mo)
            && int.TryParse(m.Groups[3].Value, CultureInfo.InvariantCulture, out var d)
            && y is >= 2000 and <= 2100 && mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo)
            ? new DateOnly(y, mo, d)
            : null;
    }

    private DateOnly? Date(ImportRecord record, ImportColumn column, bool required)
    {
        if (Text(record, column, 30, required) is not { } text)
        {
            return null;
        }

        var date = ParseDate(text);
        if (date is null)
        {
            Fail(column, $"{column.Name}：“{text}”不是有效日期，应写成 2022-11-20");
        }

        return date;
    }

    private string? Text(ImportRecord record, ImportColumn column, int maxLength, bool required = false)
    {
        var text = ImportCells.Text(record[column], column, maxLength, required, out var error);
        if (error is not null)
        {
            Fail(column, error);
        }

        return text;
    }

    [GeneratedRegex(@"^\d{5}$")]
    private static partial Regex DayNumber();

    [GeneratedRegex(@"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")]
    private static partial Regex Ymd();
}
