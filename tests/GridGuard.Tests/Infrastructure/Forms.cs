using System.Text.RegularExpressions;

namespace GridGuard.Tests.Infrastructure;

/// <summary>Posts Blazor static-SSR forms as a browser without JavaScript would: antiforgery token and handler name included.</summary>
public static partial class Forms
{
    /// <summary>Loads a page and returns the hidden fields of the form named <paramref name="formName"/>.</summary>
    public static async Task<Dictionary<string, string>> GetFormAsync(HttpClient client, string url, string formName)
    {
        var html = await client.GetStringAsync(url);
        var fields = new Dictionary<string, string>
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = Token().Match(html) is { Success: true } m
                ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)
                : throw new InvalidOperationException($"No antiforgery token on {url}"),
        };
        return fields;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> fields) =>
        client.PostAsync(url, new FormUrlEncodedContent(fields));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
