using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace GridGuard.Features.Households.Import;

/// <summary>
/// The parts of an xlsx package that <see cref="XlsxRows"/> needs before the sheet: which sheet comes first, the
/// shared-string table, which cell styles are dates, and the merged ranges (listed after the rows in the sheet's
/// XML, so found by a quick byte scan of it first). XML is read with DTDs prohibited and no resolver.
/// </summary>
internal static class XlsxParts
{
    public static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CheckCharacters = false,
    };

    /// <summary>The first sheet in workbook order and its part in the package.</summary>
    public static ZipArchiveEntry FirstSheet(ZipArchive zip)
    {
        string? relationId = null;
        using (var reader = XmlReader.Create(Open(zip, "xl/workbook.xml"), Settings))
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet")
                {
                    relationId = XlsxRows.Attribute(reader, "id");
                    break;
                }
            }
        }

        if (relationId is null)
        {
            throw new InvalidDataException("workbook has no sheet");
        }

        string? target = null;
        using (var reader = XmlReader.Create(Open(zip, "xl/_rels/workbook.xml.rels"), Settings))
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship"
                    && reader.GetAttribute("Id") == relationId)
                {
                    target = reader.GetAttribute("Target");
                    break;
                }
            }
        }

        if (target is null)
        {
            throw new InvalidDataException("sheet part not found");
        }

        var path = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
        return zip.GetEntry(path) ?? throw new InvalidDataException("sheet part missing");
    }

    /// <summary>The shared strings in order (rich text runs joined, phonetic guides left out); empty when the part is absent.</summary>
    public static IReadOnlyList<string> SharedStrings(ZipArchive zip)
    {
        var strings = new List<string>();
        if (zip.GetEntry("xl/sharedStrings.xml") is not { } entry)
        {
            return strings;
        }

        using var reader = XmlReader.Create(entry.Open(), Settings);
        var si = reader.NameTable.Add("si");
        var rPh = reader.NameTable.Add("rPh");
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && ReferenceEquals(reader.LocalName, si))
            {
                strings.Add(RichText(reader, rPh));
            }
        }

        return strings;
    }

    /// <summary>
    /// The text of a string item (&lt;si&gt; or an inline &lt;is&gt;): its &lt;t&gt; runs joined, without the
    /// phonetic runs (&lt;rPh&gt;). Leaves the reader on the item's end element.
    /// </summary>
    public static string RichText(XmlReader reader, string rPh)
    {
        if (reader.IsEmptyElement)
        {
            return "";
        }

        var depth = reader.Depth;
        var phonetic = -1;
        StringBuilder? text = null;
        string? first = null;
        while (reader.Read() && reader.Depth > depth)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when phonetic < 0 && ReferenceEquals(reader.LocalName, rPh) && !reader.IsEmptyElement:
                    phonetic = reader.Depth;
                    break;
                case XmlNodeType.EndElement when reader.Depth == phonetic:
                    phonetic = -1;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace when phonetic < 0:
                    if (first is null)
                    {
                        first = reader.Value;
                    }
                    else
                    {
                        (text ??= new StringBuilder(first)).Append(reader.Value);
                    }

                    break;
            }
        }

        return text?.ToString() ?? first ?? "";
    }

    /// <summary>The indexes of the cell formats (cellXfs) whose number format shows a date or a time.</summary>
    public static IReadOnlySet<int> DateStyles(ZipArchive zip)
    {
        var dates = new HashSet<int>();
        if (zip.GetEntry("xl/styles.xml") is not { } entry)
        {
            return dates;
        }

        var custom = new Dictionary<int, string>();
        using var reader = XmlReader.Create(entry.Open(), Settings);
        var index = -1;
        var inCellFormats = false;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs")
            {
                inCellFormats = false;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "numFmt" when int.TryParse(reader.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var id):
                    custom[id] = reader.GetAttribute("formatCode") ?? "";
                    break;
                case "cellXfs":
                    inCellFormats = !reader.IsEmptyElement;
                    break;
                case "xf" when inCellFormats:
                    index++;
                    if (int.TryParse(reader.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var format)
                        && (custom.TryGetValue(format, out var code) ? IsDateFormat(code) : IsBuiltInDate(format)))
                    {
                        dates.Add(index);
                    }

                    break;
            }
        }

        return dates;
    }

    /// <summary>Excel's built-in date and time formats, with the East Asian ones (27–36, 50–58).</summary>
    internal static bool IsBuiltInDate(int id) => id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58);

    /// <summary>
    /// A custom format shows a date or time when, outside quotes, brackets and escapes, it uses y, m, d, h or s
    /// ("General" has none of them; "0.00E+00" is scientific, not an era year).
    /// </summary>
    internal static bool IsDateFormat(string code)
    {
        var quoted = false;
        var bracket = false;
        for (var i = 0; i < code.Length; i++)
        {
            var ch = code[i];
            if (quoted)
            {
                quoted = ch != '"';
            }
            else if (bracket)
            {
                bracket = ch != ']';
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == '[')
            {
                bracket = true;
            }
            else if (ch is '\\' or '_' or '*')
            {
                i++; // the next character is literal (or a fill/space width)
            }
            else if (char.ToLowerInvariant(ch) is 'y' or 'm' or 'd' or 'h' or 's')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The sheet's merged ranges. They follow the rows in the XML, so the part is scanned once as bytes for
    /// <c>mergeCell</c> tags (fast: no XML parse) before the rows are read.
    /// </summary>
    public static MergedCells MergedCells(ZipArchiveEntry sheet)
    {
        var ranges = new List<MergedRange>();
        using var stream = sheet.Open();
        var buffer = new byte[1 << 20];
        var kept = 0;
        while (true)
        {
            var read = stream.ReadAtLeast(buffer.AsSpan(kept), buffer.Length - kept, throwOnEndOfStream: false);
            var end = kept + read;
            var at = 0;
            int? unfinished = null;
            while (at < end)
            {
                var found = buffer.AsSpan(at, end - at).IndexOf("mergeCell"u8);
                if (found < 0)
                {
                    break;
                }

                var start = at + found;
                var close = buffer.AsSpan(start, end - start).IndexOf((byte)'>');
                if (close < 0)
                {
                    unfinished = start;
                    break;
                }

                if (MergedRange.Parse(buffer.AsSpan(start, close)) is { } range)
                {
                    ranges.Add(range);
                }

                at = start + close + 1;
            }

            if (read == 0)
            {
                break;
            }

            var keepFrom = unfinished is { } u && end - u < 4096 ? u : Math.Max(at, end - 16);
            buffer.AsSpan(keepFrom, end - keepFrom).CopyTo(buffer);
            kept = end - keepFrom;
        }

        return new MergedCells(ranges);
    }

    private static Stream Open(ZipArchive zip, string path) =>
        (zip.GetEntry(path) ?? throw new InvalidDataException($"{path} missing")).Open();
}
