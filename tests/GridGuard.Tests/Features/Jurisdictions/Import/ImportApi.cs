using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using GridGuard.Features.Jurisdictions.Import;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.Jurisdictions.Import;

/// <summary>Posts files to POST /api/jurisdictions/import as a client would.</summary>
internal static class ImportApi
{
    public const string Url = "/api/jurisdictions/import";

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string fileName, string csv, string? root = null,
        string contentType = "text/csv") =>
        PostBytesAsync(client, fileName, Encoding.UTF8.GetBytes(csv), root, contentType);

    public static async Task<HttpResponseMessage> PostBytesAsync(HttpClient client, string fileName, byte[] bytes,
        string? root = null, string contentType = "text/csv")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "file", fileName);
        if (root is not null)
        {
            form.Add(new StringContent(root), "root");
        }

        return await client.PostAsync(Url, form);
    }

    /// <summary>Imports and asserts that every row was written.</summary>
    public static async Task<ImportReport> ImportOkAsync(HttpClient client, string fileName, string csv)
    {
        var response = await PostAsync(client, fileName, csv);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{fileName}: {(int)response.StatusCode} {body}");
        return (await response.Content.ReadFromJsonAsync<ImportReport>(TestJson.Options))!;
    }

    /// <summary>Lines of a CSV file: a header and rows, joined with CRLF as spreadsheets write them.</summary>
    public static string Csv(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    public const string NodesHeader = "code,name,level,parentCode,settlement";
}
