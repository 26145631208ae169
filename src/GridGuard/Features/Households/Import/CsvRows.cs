using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace GridGuard.Features.Households.Import;

/// <summary>Reads a CSV file record by record (streamed). Row numbers count records, as a spreadsheet shows them.</summary>
internal static class CsvRows
{
    public static IEnumerable<RawRow> Read(Stream stream, Encoding encoding)
    {
        stream.Position = 0;
        var badRows = new HashSet<int>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            DetectDelimiter = false,
            IgnoreBlankLines = false,
            MissingFieldFound = null,
            BadDataFound = args => badRows.Add(args.Context.Parser?.Row ?? 0),
        };
        using var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        using var parser = new CsvParser(reader, config);
        while (parser.Read())
        {
            var record = parser.Record ?? [];
            var cells = new RawCell[record.Length];
            for (var i = 0; i < record.Length; i++)
            {
                cells[i] = new RawCell(record[i]);
            }

            var problem = badRows.Remove(parser.Row) ? "引号不配对，这一行可能被截断或格式有误" : null;
            yield return new RawRow(parser.Row, cells, problem);
        }
    }
}
