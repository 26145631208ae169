using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security;
using System.Text;
using GridGuard.Features.Demo;
using GridGuard.Features.Households;
using GridGuard.Features.Households.Import;
using GridGuard.Tests.Infrastructure;
using MiniExcelLibs;

namespace GridGuard.Tests.Features.Households.Import;

/// <summary>One person line of a household list, in the template's terms.</summary>
public sealed record PersonLine(
    string? GridCode,
    string Key,
    string? Address,
    string? Relation,
    string? Name,
    string? IdNumber,
    string? Phone = null,
    string? Residency = null,
    string? Groups = null,
    string? Workplace = null,
    string? IsRental = null,
    string? LandlordName = null,
    string? LandlordPhone = null,
    string? Unit = null,
    string? Room = null,
    string? IdType = null)
{
    /// <summary>The cells in <see cref="ImportColumns.All"/> order.</summary>
    public string[] Cells() =>
    [
        GridCode ?? "", Key, Address ?? "", Unit ?? "", Room ?? "", Relation ?? "", Name ?? "", IdType ?? "",
        IdNumber ?? "", Phone ?? "", Residency ?? "", Groups ?? "", Workplace ?? "", IsRental ?? "",
        LandlordName ?? "", LandlordPhone ?? "",
    ];
}

/// <summary>Builds household list files (csv, MiniExcel xlsx, hand-made xlsx with formulas) and uploads them.</summary>
public static class ImportFiles
{
    private static readonly Random Random = new(Guid.NewGuid().GetHashCode());
    private static readonly HashSet<string> Issued = [];

    /// <summary>A valid resident ID number never handed out before in this test run.</summary>
    public static string NewId(Sex sex = Sex.Male, int minAge = 20, int maxAge = 70)
    {
        lock (Random)
        {
            while (true)
            {
                var birth = SyntheticIdNumbers.BirthDate(Random, new DateOnly(2026, 11, 24), minAge, maxAge);
                var id = SyntheticIdNumbers.Make(Random, "530427", birth, sex);
                if (Issued.Add(id))
                {
                    return id;
                }
            }
        }
    }

    public static string Header => string.Join(",", ImportColumns.All.Select(ImportColumns.Header));

    /// <summary>Row 1 the note, row 2 the header, people from row 3 (as the template).</summary>
    public static byte[] Csv(IEnumerable<PersonLine> lines, Encoding? encoding = null, bool bom = true)
    {
        var text = new StringBuilder();
        text.Append("说明行\r\n").Append(Header).Append("\r\n");
        foreach (var line in lines)
        {
            text.Append(string.Join(",", line.Cells().Select(Quote))).Append("\r\n");
        }

        var enc = encoding ?? new UTF8Encoding(false);
        var bytes = enc.GetBytes(text.ToString());
        return bom && encoding is null ? [.. Encoding.UTF8.GetPreamble(), .. bytes] : bytes;
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    /// <summary>An xlsx written by MiniExcel: the note row, the header row, then the people (shared strings).</summary>
    public static byte[] Xlsx(IEnumerable<PersonLine> lines, Func<int, string, object?>? cell = null)
    {
        var columns = ImportColumns.All;
        Dictionary<string, object?> Row(IReadOnlyList<object?> values) =>
            columns.ToDictionary(c => ImportTemplate.ColumnLetters(c.Index), c => c.Index < values.Count ? values[c.Index] : null);

        var rows = new List<Dictionary<string, object?>>
        {
            Row(["说明行"]),
            Row(columns.Select(c => (object?)ImportColumns.Header(c)).ToList()),
        };
        rows.AddRange(lines.Select(l => Row(l.Cells().Select((v, i) => cell?.Invoke(i, v) ?? v).ToList())));
        using var stream = new MemoryStream();
        stream.SaveAs(rows, printHeader: false, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>
    /// A minimal xlsx made by hand: inline strings, cells given as "=..." written as formulas with a cached value, and
    /// merged ranges such as "B3:B5" (with merges, empty cells stay out of the XML, as Excel writes them).
    /// </summary>
    public static byte[] RawXlsx(IReadOnlyList<IReadOnlyList<string>> rows, params string[] merges)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string path, string xml)
            {
                using var w = new StreamWriter(zip.CreateEntry(path).Open(), new UTF8Encoding(false));
                w.Write(xml);
            }

            const string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            Part("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Part("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part("xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Part("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            var sheet = new StringBuilder($"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}">""");
            var width = rows.Max(r => r.Count);
            sheet.Append(CultureInfo.InvariantCulture, $"""<dimension ref="A1:{ImportTemplate.ColumnLetters(width - 1)}{rows.Count}"/><sheetData>""");
            for (var r = 0; r < rows.Count; r++)
            {
                sheet.Append(CultureInfo.InvariantCulture, $"""<row r="{r + 1}">""");
                for (var c = 0; c < rows[r].Count; c++)
                {
                    var reference = ImportTemplate.ColumnLetters(c) + (r + 1).ToString(CultureInfo.InvariantCulture);
                    var value = rows[r][c];
                    if (merges.Length > 0 && value.Length == 0)
                    {
                        continue;
                    }

                    sheet.Append(value.StartsWith('=')
                        ? $"""<c r="{reference}" t="str"><f>{SecurityElement.Escape(value[1..])}</f><v>42</v></c>"""
                        : $"""<c r="{reference}" t="inlineStr"><is><t>{SecurityElement.Escape(value)}</t></is></c>""");
                }

                sheet.Append("</row>");
            }

            sheet.Append("</sheetData>");
            if (merges.Length > 0)
            {
                sheet.Append(CultureInfo.InvariantCulture, $"<mergeCells count=\"{merges.Length}\">");
                sheet.Append(string.Concat(merges.Select(m => $"<mergeCell ref=\"{m}\"/>"))).Append("</mergeCells>");
            }

            Part("xl/worksheets/sheet1.xml", sheet.Append("</worksheet>").ToString());
        }

        return buffer.ToArray();
    }

    public static IReadOnlyList<IReadOnlyList<string>> Table(IEnumerable<PersonLine> lines) =>
        [["说明行"], [.. ImportColumns.All.Select(ImportColumns.Header)], .. lines.Select(l => l.Cells())];

    public static MultipartFormDataContent Form(byte[] bytes, string fileName, string? contentType = null)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? (fileName.EndsWith(".csv", StringComparison.Ordinal)
            ? "text/csv" : ImportTemplate.XlsxContentType));
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] bytes, string fileName) =>
        client.PostAsync("/api/households/import", Form(bytes, fileName));

    public static async Task<HouseholdImportReport> ImportAsync(HttpClient client, byte[] bytes, string fileName)
    {
        var response = await PostAsync(client, bytes, fileName);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<HouseholdImportReport>(TestJson.Options))!;
    }
}
