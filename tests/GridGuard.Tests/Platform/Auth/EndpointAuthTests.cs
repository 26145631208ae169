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
    ];

    private static bool Allowed(string pattern) =>
        AllowList.Any(a => pattern.StartsWith(a, StringComparison.OrdinalIgnoreCase));

    private List<RouteEndpoint> Endpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    [Fact]
    public void Endpoints_AllowingAnonymous_AreOnTheAllowList()
    {
        var anonymous = Endpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/'))
            .Where(p => !Allowed(p))
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
