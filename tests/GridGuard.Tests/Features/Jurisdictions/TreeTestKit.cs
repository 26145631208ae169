using System.Net.Http.Json;
using System.Text.Json;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Audit;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Jurisdictions;

/// <summary>Small helpers for the tree tests: read stored nodes and audit lines, and the errors of a ValidationProblem.</summary>
public static class TreeTestKit
{
    public static Task<Jurisdiction?> NodeAsync(this AppFactory app, Guid id) =>
        app.WithDbAsync(db => db.Jurisdictions.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id));

    public static Task<Jurisdiction?> NodeByCodeAsync(this AppFactory app, string code) =>
        app.WithDbAsync(db => db.Jurisdictions.AsNoTracking().FirstOrDefaultAsync(j => j.Code == code));

    public static Task<List<AuditEntry>> AuditOfAsync(this AppFactory app, Guid jurisdictionId) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.JurisdictionId == jurisdictionId).ToListAsync());

    /// <summary>The "errors" of a ValidationProblem: field → messages.</summary>
    public static async Task<Dictionary<string, string[]>> ErrorsAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestJson.Options);
        Assert.True(body.TryGetProperty("errors", out var errors), $"no errors in {body}");
        return errors.EnumerateObject().ToDictionary(
            p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Asserts that <paramref name="field"/> has a message containing <paramref name="part"/>.</summary>
    public static void HasError(this Dictionary<string, string[]> errors, string field, string part) =>
        Assert.True(errors.TryGetValue(field, out var messages) && messages.Any(m => m.Contains(part, StringComparison.Ordinal)),
            $"expected {field}: …{part}…, got {JsonSerializer.Serialize(errors, Json)}");

    public static async Task<(System.Net.HttpStatusCode Status, string Html)> PageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response.StatusCode, await response.HtmlAsync());
    }

    /// <summary>The page's HTML with character references decoded, so Chinese text can be matched as written.</summary>
    public static async Task<string> HtmlAsync(this HttpResponseMessage response) =>
        System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
