using System.Net;
using System.Text.Json;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Platform.Web;

[Collection(AppCollection.Name)]
public sealed class PlatformEndpointsTests(AppFactory app)
{
    [Fact]
    public async Task Healthz_Anonymous_ReportsDatabaseHealthy()
    {
        var response = await app.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetString());
    }

    [Fact]
    public async Task OpenApi_Anonymous_DescribesTheApi()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = json.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/auth/token", out _));
        Assert.True(paths.TryGetProperty("/api/jurisdictions/{id}", out _));
    }

    [Fact]
    public async Task Scalar_Anonymous_ServesTheApiReference()
    {
        var response = await app.CreateClient().GetAsync("/scalar");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task LoginPage_Anonymous_IsChineseWithLabels()
    {
        var html = await app.CreateClient().GetStringAsync("/login");

        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"username\">用户名</label>", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"password\">密码</label>", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<h1"));
    }

    [Theory]
    [InlineData("/css/app.css")]
    [InlineData("/css/print.css")]
    [InlineData("/_framework/blazor.web.js")]
    public async Task StaticAssets_Anonymous_AreServed(string url)
    {
        var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnknownPage_SignedIn_ShowsChineseNotFoundWith404()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.PageClientAsync(await TestUsers.CreateAsync(app, (GridGuard.Platform.Auth.Role.GridManager, tree.Grid1.Id)));

        var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("未找到", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
