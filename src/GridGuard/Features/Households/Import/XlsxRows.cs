using System.Globalization;
using System.IO.Compression;
using System.Xml;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace GridGuard.Features.Households.Import;

/// <summary>
/// Reads the first worksheet of an xlsx file row by row with MiniExcel (streamed; nothing is evaluated).
/// MiniExcel gives the cached values of formula cells, so the worksheet XML is scanned once beforehand for
/// <c>&lt;f&gt;</c> elements and those cells are marked as formulas, to be refused as row errors.
/// </summary>
internal static class XlsxRows
{
    private static readonly XmlReaderSettings Xml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
    };

    public static IEnumerable<RawRow> Read(Stream stream)
    {
        string sheetName;
        HashSet<(int Row, int Column)> formulas;
        stream.Position = 0;
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true))
        {
            (sheetName, var entry) = FirstSheet(zip);
            formulas = FormulaCells(entry);
        }

        stream.Position = 0;
        var config = new OpenXmlConfiguration { FillMergedCells = true, IgnoreEmptyRows = false };
        var number = 0;
        foreach (var row in stream.Query(useHeaderRow: false, sheetName: sheetName, excelType: ExcelType.XLSX, configuration: config))
        {
            number++; // MiniExcel yields empty rows for gaps, so the position is the spreadsheet's row number
            var values = (IDictionary<string, object?>)row;
            var cells = new List<RawCell>(values.Count);
            foreach (var (key, value) in values)
            {
                var column = ColumnIndex(key);
                while (cells.Count < column)
                {
                    cells.Add(RawCell.Empty);
                }

                cells.Add(ToCell(value, formulas.Contains((number, column))));
            }

            yield return new RawRow(number, cells);
        }
    }

    private static RawCell ToCell(object? value, bool isFormula) => value switch
    {
        null => new RawCell(null, isFormula),
        string s => new RawCell(s, isFormula),
        double d => new RawCell(
            d == Math.Floor(d) && Math.Abs(d) < 1e15
                ? d.ToString("0", CultureInfo.InvariantCulture)
                : d.ToString("R", CultureInfo.InvariantCulture),
            isFormula, IsNumber: true),
        bool b => new RawCell(b ? "是" : "否", isFormula),
        DateTime dt => new RawCell(dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), isFormula),
        _ => new RawCell(Convert.ToString(value, CultureInfo.InvariantCulture), isFormula),
    };

    /// <summary>"A" → 0, "Z" → 25, "AA" → 26.</summary>
    internal static int ColumnIndex(string letters)
    {
        var index = 0;
        foreach (var ch in letters)
        {
            if (ch is < 'A' or > 'Z')
            {
                break;
            }

            index = (index * 26) + (ch - 'A' + 1);
        }

        return index - 1;
    }

    /// <summary>The first sheet in workbook order (the one MiniExcel reads by name) and its part in the package.</summary>
    private static (string Name, ZipArchiveEntry Entry) FirstSheet(ZipArchive zip)
    {
        string? name = null, relationId = null;
        using (var reader = XmlReader.Create(Open(zip, "xl/workbook.xml"), Xml))
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet")
                {
                    name = reader.GetAttribute("name");
                    relationId = Attribute(reader, "id");
                    break;
                }
            }
        }

        if (name is null || relationId is null)
        {
            throw new InvalidDataException("workbook has no sheet");
        }

        string? target = null;
        using (var reader = XmlReader.Create(Open(zip, "xl/_rels/workbook.xml.rels"), Xml))
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
        return (name, zip.GetEntry(path) ?? throw new InvalidDataException("sheet part missing"));
    }

    private static Stream Open(ZipArchive zip, string path) =>
        (zip.GetEntry(path) ?? throw new InvalidDataException($"{path} missing")).Open();

    private static string? Attribute(XmlReader reader, string localName)
    {
        for (var i = 0; i < reader.AttributeCount; i++)
        {
            reader.MoveToAttribute(i);
            if (reader.LocalName == localName)
            {
                var value = reader.Value;
                reader.MoveToElement();
                return value;
            }
        }

        reader.MoveToElement();
        return null;
    }

    /// <summary>Every (row number, column index) whose cell has a formula, found by one streamed pass over the sheet XML.</summary>
    private static HashSet<(int Row, int Column)> FormulaCells(ZipArchiveEntry sheet)
    {
        var found = new HashSet<(int, int)>();
        using var stream = sheet.Open();
        using var reader = XmlReader.Create(stream, Xml);
        int row = 0, column = -1;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "row":
                    row = int.TryParse(reader.GetAttribute("r"), CultureInfo.InvariantCulture, out var r) ? r : row + 1;
                    column = -1;
                    break;
                case "c":
                    var reference = reader.GetAttribute("r");
                    column = reference is null ? column + 1 : ColumnIndex(reference);
                    break;
                case "f":
                    found.Add((row, column));
                    break;
            }
        }

        return found;
    }
}
