using System.Net;
using System.Text;
using System.Text.Json;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Platform.Web;

[Collection(AppCollection.Name)]
public sealed class ProblemTitlesTests(AppFactory app)
{
    private async Task<HttpClient> OfficerAsync()
    {
        var tree = await TestTree.CreateAsync(app);
        return await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task MalformedJson_Api_Returns400WithChineseTitleAndDetail()
    {
        var client = await OfficerAsync();

        var response = await client.PostAsync("/api/jurisdictions", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal("请求有误", problem.GetProperty("title").GetString());
        Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownApiRoute_Api_Returns404WithChineseTitle()
    {
        var client = await OfficerAsync();

        var response = await client.GetAsync("/api/jurisdictions/not-a-guid");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("未找到，或不在您的管辖范围内", (await ProblemAsync(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task ValidationProblem_Api_HasChineseTitle()
    {
        var client = await OfficerAsync();

        var created = await client.PostAsync("/api/jurisdictions", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Equal("提交的内容有误", (await ProblemAsync(created)).GetProperty("title").GetString());
    }
}
