using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace GridGuard.Features.Households.Import;

/// <summary>
/// An upload template, built from an <see cref="ImportSheet"/> (the household list's by default, <see cref="ImportColumns"/>;
/// the venue list uses it too). Row 1 is the note, row 2 the column names, data from row 3. The xlsx is written by hand (a few small XML parts) because its data columns must be formatted
/// as text: otherwise Excel turns an 18-digit ID number into 5.30427E+17 and loses its last digits.
/// Its second sheet, 填写说明, gives each column's rule and an example.
/// </summary>
public static class ImportTemplate
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string DataSheet = "人员名单";
    public const string InstructionsSheet = "填写说明";

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRel = "http://schemas.openxmlformats.org/package/2006/relationships";

    private const int Text = 2;
    private const int Bold = 1;
    private const int Wrap = 3;

    /// <summary>The household list's CSV template.</summary>
    /// <summary>The answer of a template endpoint: <paramref name="format"/> xlsx (default) or csv, named after <paramref name="stem"/>.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult,
        Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult> Download(ImportSheet sheet, Func<ImportColumn, int> width, string stem,
        string? format) =>
        (format ?? "xlsx").Trim().ToLowerInvariant() switch
        {
            "xlsx" => TypedResults.File(Xlsx(sheet, width), XlsxContentType, stem + ".xlsx"),
            "csv" => TypedResults.File(Csv(sheet), "text/csv; charset=utf-8", stem + ".csv"),
            _ => TypedResults.Problem($"format：“{format}”无效，应为 xlsx 或 csv", statusCode: StatusCodes.Status400BadRequest, title: "参数错误"),
        };

    public static byte[] Csv() => Csv(ImportColumns.Sheet);

    /// <summary>UTF-8 with BOM (so that Excel opens it as UTF-8): the note line, then the header line.</summary>
    public static byte[] Csv(ImportSheet sheet)
    {
        var text = Quote(sheet.Note) + "\r\n" + string.Join(",", sheet.Columns.Select(ImportSheet.Header)) + "\r\n";
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
    }

    private static string Quote(string s) =>
        s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    /// <summary>The household list's xlsx template.</summary>
    public static byte[] Xlsx() => Xlsx(ImportColumns.Sheet,
        c => c == ImportColumns.GridCode || c == ImportColumns.IdNumber ? 22 : c == ImportColumns.Address ? 26 : 13);

    /// <summary>The xlsx template of <paramref name="sheet"/>; <paramref name="width"/> gives each column's width in characters.</summary>
    public static byte[] Xlsx(ImportSheet sheet, Func<ImportColumn, int> width)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", ContentTypes);
            Part(zip, "_rels/.rels", w => Relationships(w, ("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml")));
            Part(zip, "xl/workbook.xml", w => Workbook(w, sheet.DataSheetName));
            Part(zip, "xl/_rels/workbook.xml.rels", w => Relationships(w,
                ("rId1", Rel + "/worksheet", "worksheets/sheet1.xml"),
                ("rId2", Rel + "/worksheet", "worksheets/sheet2.xml"),
                ("rId3", Rel + "/styles", "styles.xml")));
            using (var styles = new StreamWriter(zip.CreateEntry("xl/styles.xml").Open(), new UTF8Encoding(false)))
            {
                styles.Write(StylesXml);
            }

            Part(zip, "xl/worksheets/sheet1.xml", w => DataSheetXml(w, sheet, width));
            Part(zip, "xl/worksheets/sheet2.xml", w => InstructionsSheetXml(w, sheet));
        }

        return buffer.ToArray();
    }

    private static void Part(ZipArchive zip, string path, Action<XmlWriter> write)
    {
        using var stream = zip.CreateEntry(path, CompressionLevel.Optimal).Open();
        using var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        w.WriteStartDocument(standalone: true);
        write(w);
        w.WriteEndDocument();
    }

    private static void ContentTypes(XmlWriter w)
    {
        const string ns = "http://schemas.openxmlformats.org/package/2006/content-types";
        w.WriteStartElement("Types", ns);
        Element(w, "Default", ns, ("Extension", "rels"), ("ContentType", "application/vnd.openxmlformats-package.relationships+xml"));
        Element(w, "Default", ns, ("Extension", "xml"), ("ContentType", "application/xml"));
        Element(w, "Override", ns, ("PartName", "/xl/workbook.xml"),
            ("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"));
        foreach (var sheet in new[] { "sheet1", "sheet2" })
        {
            Element(w, "Override", ns, ("PartName", $"/xl/worksheets/{sheet}.xml"),
                ("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"));
        }

        Element(w, "Override", ns, ("PartName", "/xl/styles.xml"),
            ("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"));
        w.WriteEndElement();
    }

    private static void Relationships(XmlWriter w, params (string Id, string Type, string Target)[] rels)
    {
        w.WriteStartElement("Relationships", PackageRel);
        foreach (var (id, type, target) in rels)
        {
            Element(w, "Relationship", PackageRel, ("Id", id), ("Type", type), ("Target", target));
        }

        w.WriteEndElement();
    }

    private static void Workbook(XmlWriter w, string dataSheet)
    {
        w.WriteStartElement("workbook", Main);
        w.WriteAttributeString("xmlns", "r", null, Rel);
        w.WriteStartElement("sheets", Main);
        var i = 0;
        foreach (var name in new[] { dataSheet, InstructionsSheet })
        {
            i++;
            w.WriteStartElement("sheet", Main);
            w.WriteAttributeString("name", name);
            w.WriteAttributeString("sheetId", i.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("id", Rel, "rId" + i.ToString(CultureInfo.InvariantCulture));
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    // Cell styles: 0 default · 1 bold text (header) · 2 text "@" (data columns) · 3 wrapped (notes).
    private const string StylesXml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
            <fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font></fonts>
            <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
            <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
            <cellXfs count="4">
            <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
            <xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/>
            <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
            <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>
            </cellXfs>
            <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
            </styleSheet>
            """;

    private static void DataSheetXml(XmlWriter w, ImportSheet sheet, Func<ImportColumn, int> width)
    {
        var columns = sheet.Columns;
        var last = ColumnLetters(columns.Count - 1);
        w.WriteStartElement("worksheet", Main);
        Element(w, "dimension", Main, ("ref", $"A1:{last}2"));
        w.WriteRaw("""<sheetViews><sheetView workbookViewId="0"><pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>""");
        w.WriteStartElement("cols", Main);
        foreach (var c in columns)
        {
            var n = (c.Index + 1).ToString(CultureInfo.InvariantCulture);
            Element(w, "col", Main, ("min", n), ("max", n), ("width", width(c).ToString(CultureInfo.InvariantCulture)),
                ("style", Text.ToString(CultureInfo.InvariantCulture)), ("customWidth", "1"));
        }

        w.WriteEndElement();
        w.WriteStartElement("sheetData", Main);
        Row(w, 1, [sheet.Note], Wrap, height: 75);
        Row(w, 2, columns.Select(ImportSheet.Header).ToList(), Bold);
        w.WriteEndElement();
        w.WriteRaw($"""<mergeCells count="1"><mergeCell ref="A1:{last}1"/></mergeCells>""");
        w.WriteEndElement();
    }

    private static void InstructionsSheetXml(XmlWriter w, ImportSheet sheet)
    {
        w.WriteStartElement("worksheet", Main);
        w.WriteStartElement("cols", Main);
        foreach (var (n, width) in new[] { (1, 14), (2, 8), (3, 80), (4, 22) })
        {
            var s = n.ToString(CultureInfo.InvariantCulture);
            Element(w, "col", Main, ("min", s), ("max", s), ("width", width.ToString(CultureInfo.InvariantCulture)), ("customWidth", "1"));
        }

        w.WriteEndElement();
        w.WriteStartElement("sheetData", Main);
        Row(w, 1, ["列名", "表头必备", "填写规则", "示例"], Bold);
        var r = 2;
        foreach (var c in sheet.Columns)
        {
            Row(w, r++, [c.Name, c.Required ? "是" : "否", c.Rule, c.Example], Wrap);
        }

        Row(w, r + 1, [sheet.Note], Wrap);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Row(XmlWriter w, int number, List<string> values, int style, int? height = null)
    {
        var r = number.ToString(CultureInfo.InvariantCulture);
        w.WriteStartElement("row", Main);
        w.WriteAttributeString("r", r);
        if (height is { } h)
        {
            w.WriteAttributeString("ht", h.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("customHeight", "1");
        }

        for (var i = 0; i < values.Count; i++)
        {
            w.WriteStartElement("c", Main);
            w.WriteAttributeString("r", ColumnLetters(i) + r);
            w.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("t", "inlineStr");
            w.WriteStartElement("is", Main);
            w.WriteElementString("t", Main, values[i]);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void Element(XmlWriter w, string name, string ns, params (string Name, string Value)[] attributes)
    {
        w.WriteStartElement(name, ns);
        foreach (var (n, v) in attributes)
        {
            w.WriteAttributeString(n, v);
        }

        w.WriteEndElement();
    }

    /// <summary>0 → "A", 25 → "Z", 26 → "AA".</summary>
    public static string ColumnLetters(int index)
    {
        var s = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            s = (char)('A' + ((n - 1) % 26)) + s;
        }

        return s;
    }
}
