using System.Net;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GridGuard.Tests.Platform.Auth;

/// <summary>Every endpoint requires a signed-in user, except an explicit allow-list.</summary>
[Collection(AppCollection.Name)]
public sealed class EndpointAuthTests(AppFactory app)
{
    /// <summary>Route patterns that anyone may reach. Add here only with a reason.</summary>
    private static readonly string[] AllowList =
    [
        "/login",          // the sign-in page
        "/api/auth/token", // sign-in for API clients and devices
        "/healthz",        // liveness and readiness probes
        "/openapi/",       // the API description
        "/scalar",         // the API reference UI
        "/_framework/",    // Blazor's script
        "/forbidden",      // shown to signed-in users without the role; harmless
        "/tips/new",       // the public tip form (线索举报), rate-limited per IP and phone
        "/arrivals/new",   // the public arrival report (返乡报备), rate-limited per IP
        "/testing/timetable",     // residents look up where and when their grid is sampled; public notice, no persons
        "/api/testing-timetable", // the same as JSON: grids by name, and a grid's slots in open rounds
        "/result-lookup",         // residents look up their own result by ID number + phone; rate-limited per IP and ID
        "/api/result-lookup",     // the same as JSON
    ];

    /// <summary>Single endpoints (method and exact pattern) that anyone may reach, beside staff endpoints on the same path.</summary>
    private static readonly (string Method, string Pattern)[] AllowExact =
    [
        ("POST", "/api/tips"),         // residents submit tips without an account; rate-limited per IP and phone
        ("GET", "/api/tips/villages"), // the public list of townships and villages the tip form chooses from
        ("POST", "/api/arrivals"),     // residents file arrival reports without an account; rate-limited per IP
        ("POST", "/api/plans/preview"), // computes a plan from public rules and the public risk list; stores nothing
    ];

    private static bool Allowed(string pattern) =>
        AllowList.Any(a => pattern.StartsWith(a, StringComparison.OrdinalIgnoreCase));

    private static bool Allowed(string pattern, string method) =>
        Allowed(pattern) || AllowExact.Contains((method, pattern.TrimEnd('/')));

    private List<RouteEndpoint> Endpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    [Fact]
    public void Endpoints_AllowingAnonymous_AreOnTheAllowList()
    {
        var anonymous = Endpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => (Pattern: "/" + e.RoutePattern.RawText?.TrimStart('/'),
                Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            .Where(e => e.Methods.Any(m => !Allowed(e.Pattern, m)))
            .ToList();
        Assert.Empty(anonymous);
    }

    [Fact]
    public async Task ApiEndpoints_WithoutCredentials_Answer401()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var api = Endpoints()
            .Select(e => (Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/'), Methods: e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            .Where(e => e.Pattern.StartsWith("/api/", StringComparison.Ordinal) && !Allowed(e.Pattern))
            .Select(e => (e.Pattern, Methods: (IReadOnlyList<string>)e.Methods.Where(m => !Allowed(e.Pattern, m)).ToList()))
            .ToList();
        Assert.NotEmpty(api);
        foreach (var (pattern, methods) in api)
        {
            var url = FillRoute(pattern);
            foreach (var method in methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized,
                    $"{method} {url} answered {(int)response.StatusCode} without credentials");
            }
        }
    }

    [Fact]
    public async Task Pages_WithoutCredentials_RedirectToLogin()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync("/jurisdictions");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static string FillRoute(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, "{([^}:]+)(:[^}]*)?}", m =>
            m.Groups[2].Value.Contains("guid", StringComparison.Ordinal) ? Guid.NewGuid().ToString()
            : m.Groups[2].Value.Contains("int", StringComparison.Ordinal) ? "1" : "x");
}
