using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace GridGuard.Features.Households.Import;

/// <summary>
/// Reads the first worksheet of an xlsx file row by row, in one streamed pass over the sheet's XML (nothing is
/// evaluated; ADR 14). A formula cell is marked as such (its cached value is kept, to be refused as a row error);
/// merged cells take the value of their top-left cell; numbers in a date format become yyyy-MM-dd; a gap in the row
/// numbers yields empty rows, so each row keeps the number the spreadsheet shows. The shared-string table and the
/// date styles are read first (<see cref="XlsxParts"/>); a damaged part throws (the caller refuses the file).
/// </summary>
internal static class XlsxRows
{
    /// <summary>Cells to the right of this column are ignored (no upload sheet has more than a few dozen columns).</summary>
    public const int MaxColumns = 1024;

    public static IEnumerable<RawRow> Read(Stream stream)
    {
        stream.Position = 0;
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var sheet = XlsxParts.FirstSheet(zip);
        var strings = XlsxParts.SharedStrings(zip);
        var dates = XlsxParts.DateStyles(zip);
        var merges = XlsxParts.MergedCells(sheet);
        using var reader = XmlReader.Create(sheet.Open(), XlsxParts.Settings);
        var names = new Names(reader.NameTable);
        var number = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || !ReferenceEquals(reader.LocalName, names.Row))
            {
                continue;
            }

            var at = RowNumber(reader, names, number);
            while (number + 1 < at)
            {
                number++; // a gap: the rows in between are empty
                yield return new RawRow(number, merges.Fill(number, []));
            }

            number = at;
            var cells = new List<RawCell>(16);
            if (!reader.IsEmptyElement)
            {
                ReadCells(reader, names, strings, dates, cells);
            }

            yield return new RawRow(number, merges.Fill(number, cells));
        }
    }

    /// <summary>The row's r attribute, or the next number; never going back.</summary>
    private static int RowNumber(XmlReader reader, Names names, int previous)
    {
        var r = Attribute(reader, names.R);
        return r is not null && int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > previous
            ? n
            : previous + 1;
    }

    /// <summary>Reads the cells of the row the reader is on, leaving it on the row's end element.</summary>
    private static void ReadCells(XmlReader reader, Names names, IReadOnlyList<string> strings, IReadOnlySet<int> dates, List<RawCell> cells)
    {
        var depth = reader.Depth;
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType != XmlNodeType.Element || !ReferenceEquals(reader.LocalName, names.C))
            {
                continue;
            }

            var (column, cell) = ReadCell(reader, names, strings, dates, cells.Count);
            if (column >= MaxColumns)
            {
                continue;
            }

            while (cells.Count < column)
            {
                cells.Add(RawCell.Empty);
            }

            if (column < cells.Count)
            {
                cells[column] = cell; // a cell named twice: the later one wins
            }
            else
            {
                cells.Add(cell);
            }
        }
    }

    private static (int Column, RawCell Cell) ReadCell(XmlReader reader, Names names, IReadOnlyList<string> strings,
        IReadOnlySet<int> dates, int next)
    {
        string? reference = null, type = null, style = null;
        while (reader.MoveToNextAttribute())
        {
            var name = reader.LocalName;
            if (ReferenceEquals(name, names.R))
            {
                reference = reader.Value;
            }
            else if (ReferenceEquals(name, names.T))
            {
                type = reader.Value;
            }
            else if (ReferenceEquals(name, names.S))
            {
                style = reader.Value;
            }
        }

        reader.MoveToElement();
        var column = reference is null ? next : ColumnIndex(reference);
        column = column < 0 ? next : column; // a reference without letters: taken as the next cell
        string? value = null;
        var formula = false;
        if (!reader.IsEmptyElement)
        {
            var depth = reader.Depth;
            while (reader.Read() && reader.Depth > depth)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                var name = reader.LocalName;
                if (ReferenceEquals(name, names.F))
                {
                    formula = true;
                }
                else if (ReferenceEquals(name, names.V))
                {
                    value = Content(reader);
                }
                else if (ReferenceEquals(name, names.Is))
                {
                    value = XlsxParts.RichText(reader, names.RPh);
                }
            }
        }

        return (column, ToCell(value, type, style, strings, dates, formula));
    }

    /// <summary>The text inside the element the reader is on, leaving it on the element's end.</summary>
    internal static string Content(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            return "";
        }

        var depth = reader.Depth;
        string? first = null;
        StringBuilder? more = null;
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
            {
                if (first is null)
                {
                    first = reader.Value;
                }
                else
                {
                    (more ??= new StringBuilder(first)).Append(reader.Value);
                }
            }
        }

        return more?.ToString() ?? first ?? "";
    }

    private static RawCell ToCell(string? value, string? type, string? style, IReadOnlyList<string> strings, IReadOnlySet<int> dates, bool formula)
    {
        if (value is null)
        {
            return new RawCell(null, formula);
        }

        switch (type)
        {
            case "s":
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < strings.Count
                    ? new RawCell(strings[index], formula)
                    : throw new InvalidDataException("shared string out of range");
            case "b":
                return new RawCell(value.Trim() is "1" or "true" ? "是" : "否", formula);
            case "d":
                return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? new RawCell(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), formula)
                    : new RawCell(value, formula);
            case null or "n":
                break;
            default: // str (a formula's text), inlineStr, e (an error such as #N/A)
                return new RawCell(value, formula);
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return new RawCell(value, formula);
        }

        if (style is not null && int.TryParse(style, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && dates.Contains(s)
            && d is > -657435.0 and < 2958466.0)
        {
            return new RawCell(DateTime.FromOADate(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), formula);
        }

        return new RawCell(
            d == Math.Floor(d) && Math.Abs(d) < 1e15 ? d.ToString("0", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture),
            formula, IsNumber: true);
    }

    /// <summary>"A" → 0, "Z" → 25, "AA" → 26; the letters of a reference such as "AB12".</summary>
    internal static int ColumnIndex(string letters)
    {
        var index = 0;
        foreach (var ch in letters)
        {
            if (ch is < 'A' or > 'Z' || index > MaxColumns)
            {
                break;
            }

            index = (index * 26) + (ch - 'A' + 1);
        }

        return index - 1;
    }

    internal static string? Attribute(XmlReader reader, string localName)
    {
        string? value = null;
        while (reader.MoveToNextAttribute())
        {
            if (reader.LocalName == localName) // string equality checks the reference first
            {
                value = reader.Value;
                break;
            }
        }

        reader.MoveToElement();
        return value;
    }

    /// <summary>The sheet's element and attribute names, atomized in the reader's name table (compared by reference).</summary>
    private sealed class Names(XmlNameTable table)
    {
        public string Row { get; } = table.Add("row");

        public string C { get; } = table.Add("c");

        public string V { get; } = table.Add("v");

        public string F { get; } = table.Add("f");

        public string Is { get; } = table.Add("is");

        public string RPh { get; } = table.Add("rPh");

        public string R { get; } = table.Add("r");

        public string T { get; } = table.Add("t");

        public string S { get; } = table.Add("s");
    }
}
