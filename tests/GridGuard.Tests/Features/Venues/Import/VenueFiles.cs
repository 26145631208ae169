using System.Net.Http.Json;
using System.Text;
using GridGuard.Features.Households.Import;
using GridGuard.Features.Venues.Import;
using GridGuard.Tests.Features.Households.Import;
using GridGuard.Tests.Infrastructure;
using MiniExcelLibs;

namespace GridGuard.Tests.Features.Venues.Import;

/// <summary>One venue line of a venue list, in the template's terms.</summary>
public sealed record VenueLine(string? GridCode, string? Name, string? Kind, string? Responsible, string? Phone = null,
    string? Staff = null, string? Address = null)
{
    /// <summary>The cells in <see cref="VenueColumns.All"/> order.</summary>
    public string[] Cells() => [GridCode ?? "", Name ?? "", Kind ?? "", Address ?? "", Responsible ?? "", Phone ?? "", Staff ?? ""];
}

/// <summary>Builds venue list files (csv, xlsx, hand-made xlsx with formulas) and uploads them.</summary>
public static class VenueFiles
{
    public static string Header => string.Join(",", VenueColumns.All.Select(ImportSheet.Header));

    /// <summary>Row 1 a note, row 2 the header, venues from row 3 (as the template).</summary>
    public static byte[] Csv(IEnumerable<VenueLine> lines)
    {
        var text = new StringBuilder("说明行\r\n").Append(Header).Append("\r\n");
        foreach (var line in lines)
        {
            text.Append(string.Join(",", line.Cells().Select(Quote))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    /// <summary>An xlsx written by MiniExcel; <paramref name="cell"/> may give a cell another value (a number).</summary>
    public static byte[] Xlsx(IEnumerable<VenueLine> lines, Func<int, string, object?>? cell = null)
    {
        var columns = VenueColumns.All;
        Dictionary<string, object?> Row(IReadOnlyList<object?> values) =>
            columns.ToDictionary(c => ImportTemplate.ColumnLetters(c.Index), c => c.Index < values.Count ? values[c.Index] : null);

        var rows = new List<Dictionary<string, object?>>
        {
            Row(["说明行"]),
            Row(columns.Select(c => (object?)ImportSheet.Header(c)).ToList()),
        };
        rows.AddRange(lines.Select(l => Row(l.Cells().Select((v, i) => cell?.Invoke(i, v) ?? v).ToList())));
        using var stream = new MemoryStream();
        stream.SaveAs(rows, printHeader: false, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>A hand-made xlsx where a cell given as "=..." is a formula (with a cached value).</summary>
    public static byte[] RawXlsx(IEnumerable<VenueLine> lines) =>
        ImportFiles.RawXlsx([["说明行"], [.. VenueColumns.All.Select(ImportSheet.Header)], .. lines.Select(l => l.Cells())]);

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] bytes, string fileName) =>
        client.PostAsync("/api/venues/import", ImportFiles.Form(bytes, fileName));

    public static async Task<ListImportReport> ImportAsync(HttpClient client, byte[] bytes, string fileName)
    {
        var response = await PostAsync(client, bytes, fileName);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ListImportReport>(TestJson.Options))!;
    }
}
