using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Households;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.Households;

[Collection(AppCollection.Name)]
public sealed class CheckIdNumberTests(AppFactory app)
{
    private async Task<HttpClient> ClientAsync()
    {
        var tree = await TestTree.CreateAsync(app);
        return await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));
    }

    [Fact]
    public async Task CheckIdNumber_FifteenDigits_ReturnsConvertedNumberBirthDateAndSex()
    {
        var client = await ClientAsync();

        var body = await client.GetFromJsonAsync<CheckIdNumber.Response>("/api/persons/id-check?type=ResidentIdCard&number=110105491231002", TestJson.Options);

        Assert.Equal(new CheckIdNumber.Response(true, "11010519491231002X", "1949-12-31", "Female", null), body);
    }

    [Fact]
    public async Task CheckIdNumber_BadChecksum_ReturnsChineseError()
    {
        var client = await ClientAsync();

        var body = await client.GetFromJsonAsync<CheckIdNumber.Response>("/api/persons/id-check?type=ResidentIdCard&number=530427199001011234", TestJson.Options);

        Assert.False(body!.Valid);
        Assert.Null(body.Normalized);
        Assert.Contains("校验位", body.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckIdNumber_UnknownType_Returns400NamingTheField()
    {
        var client = await ClientAsync();

        var response = await client.GetAsync("/api/persons/id-check?type=Driving&number=1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("证件类型", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
