using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Canvassing;
using GridGuard.Features.Policies;
using GridGuard.Features.Policies.RiskAreas;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Policies.RiskAreas;

[Collection(AppCollection.Name)]
public sealed class RiskAreaCrudTests(AppFactory app)
{
    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(TestJson.Options);
        return new Dictionary<string, string[]>(problem!.Errors, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CreateRiskArea_KnownCountyCode_201AndPlaceNameFilled()
    {
        var client = await RiskAreaData.CommanderAsync(app);
        var sub = RiskAreaData.SubArea();

        var response = await client.PostAsJsonAsync("/api/risk-areas",
            new { divisionCode = "110105", subArea = sub, level = "High", from = "2026-11-01", to = "2026-11-20" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<CreateRiskArea.Created>(TestJson.Options))!.Id;
        var row = await client.GetFromJsonAsync<ListRiskAreas.Row>($"/api/risk-areas/{id}", TestJson.Options);
        Assert.Equal("110105", row!.PlaceCode);
        Assert.Equal("北京市朝阳区", row.PlaceName);
        Assert.Equal(sub, row.SubArea);
        Assert.Equal("High", row.Level);
        Assert.Equal("高风险", row.LevelLabel);
        Assert.Equal(new DateOnly(2026, 11, 20), row.To);
    }

    [Fact]
    public async Task CreateRiskArea_JurisdictionCode_NameFromTree()
    {
        var (tree, user) = await RiskAreaData.CommanderUserAsync(app);
        var client = await app.ApiClientAsync(user);

        var response = await client.PostAsJsonAsync("/api/risk-areas",
            new { divisionCode = tree.Village1.Code, level = "Medium", from = "2026-11-01" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<CreateRiskArea.Created>(TestJson.Options))!.Id;
        var stored = await app.WithDbAsync(db => db.RiskAreas.SingleAsync(a => a.Id == id));
        Assert.Equal(tree.Village1.Name, stored.PlaceName);
        Assert.Null(stored.To);
    }

    [Theory]
    [InlineData("12345", "DivisionCode", "地区代码：“12345”无效")]
    [InlineData("12a456", "DivisionCode", "地区代码：“12a456”无效")]
    [InlineData("", "DivisionCode", "地区代码：不能为空")]
    public async Task CreateRiskArea_BadCode_400NamingTheField(string code, string field, string message)
    {
        var client = await RiskAreaData.CommanderAsync(app);

        var errors = await ErrorsAsync(await client.PostAsJsonAsync("/api/risk-areas",
            new { divisionCode = code, placeName = "某地", level = "High", from = "2026-11-01" }));

        Assert.StartsWith(message, errors[field][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateRiskArea_EachBadField_ChineseMessagePerField()
    {
        var client = await RiskAreaData.CommanderAsync(app);

        var unknown = await ErrorsAsync(await client.PostAsJsonAsync("/api/risk-areas",
            new { divisionCode = RiskAreaData.UnknownCode(), level = "High", from = "2026-11-01" }));
        var rest = await ErrorsAsync(await client.PostAsJsonAsync("/api/risk-areas",
            new { divisionCode = "110105", subArea = new string('楼', 101), level = "Severe", source = new string('文', 201) }));
        var period = await ErrorsAsync(await client.PostAsJsonAsync("/api/risk-areas",
            new { divisionCode = "110105", level = "Low", from = "2026-11-10", to = "2026-11-10" }));
        var noLevel = await ErrorsAsync(await client.PostAsJsonAsync("/api/risk-areas",
            new { divisionCode = "110105", from = "2026-11-10" }));

        Assert.StartsWith("地区名称：代码", unknown["PlaceName"][0], StringComparison.Ordinal);
        Assert.Equal("具体区域：不能超过 100 个字符", rest["SubArea"][0]);
        Assert.StartsWith("风险等级：“Severe”无效", rest["Level"][0], StringComparison.Ordinal);
        Assert.Equal("开始日期：不能为空", rest["From"][0]);
        Assert.Equal("发布来源：不能超过 200 个字符", rest["Source"][0]);
        Assert.Equal("风险期：结束日期必须晚于开始日期", period["To"][0]);
        Assert.Equal("风险等级：不能为空", noLevel["Level"][0]);
    }

    [Fact]
    public async Task CreateRiskArea_SamePlaceAndStart_400OnFrom()
    {
        var client = await RiskAreaData.CommanderAsync(app);
        var body = new { divisionCode = "110105", subArea = RiskAreaData.SubArea(), level = "High", from = "2026-11-01" };
        (await client.PostAsJsonAsync("/api/risk-areas", body)).EnsureSuccessStatusCode();

        var errors = await ErrorsAsync(await client.PostAsJsonAsync("/api/risk-areas", body));

        Assert.StartsWith("开始日期：该地区", errors["From"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditEndDelete_CountyStaff_ChangedEndedDeletedAndAudited()
    {
        var client = await RiskAreaData.CommanderAsync(app);
        var code = RiskAreaData.UnknownCode();
        var created = await client.PostAsJsonAsync("/api/risk-areas",
            new { divisionCode = code, placeName = "外省某村", level = "Medium", from = "2026-11-01" });
        var id = (await created.Content.ReadFromJsonAsync<CreateRiskArea.Created>(TestJson.Options))!.Id;

        var edit = await client.PutAsJsonAsync($"/api/risk-areas/{id}",
            new { divisionCode = code, placeName = "外省某村", level = "High", from = "2026-11-02", source = "通告第 5 号" });
        var badEnd = await client.PostAsJsonAsync($"/api/risk-areas/{id}/end", new { to = "2026-11-02" });
        var end = await client.PostAsJsonAsync($"/api/risk-areas/{id}/end", new { to = "2026-11-15" });
        var ended = await end.Content.ReadFromJsonAsync<ListRiskAreas.Row>(TestJson.Options);
        var delete = await client.DeleteAsync($"/api/risk-areas/{id}");
        var gone = await client.GetAsync($"/api/risk-areas/{id}");

        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal("风险期：结束日期必须晚于开始日期", (await ErrorsAsync(badEnd))["To"][0]);
        Assert.Equal(new DateOnly(2026, 11, 15), ended!.To);
        Assert.Equal("High", ended.Level);
        Assert.False(ended.InForceToday);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Entity == nameof(RiskArea) && e.EntityId == id.ToString())
            .Select(e => e.Action).ToListAsync());
        Assert.Contains(AuditAction.Added, actions);
        Assert.Contains(AuditAction.Modified, actions);
        Assert.Contains(AuditAction.Deleted, actions);
    }

    [Fact]
    public async Task Writes_NotCountyStaff_403AndNothingChanged_ButListReadable()
    {
        var commander = await RiskAreaData.CommanderAsync(app);
        var tree = await TestTree.CreateAsync(app);
        var officer = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id)));
        var code = RiskAreaData.UnknownCode();
        var created = await commander.PostAsJsonAsync("/api/risk-areas",
            new { divisionCode = code, placeName = "外省某县", level = "Medium", from = "2026-11-01" });
        var id = (await created.Content.ReadFromJsonAsync<CreateRiskArea.Created>(TestJson.Options))!.Id;

        var create = await officer.PostAsJsonAsync("/api/risk-areas",
            new { divisionCode = code, placeName = "外省某县", level = "High", from = "2026-11-05" });
        var edit = await officer.PutAsJsonAsync($"/api/risk-areas/{id}",
            new { divisionCode = code, placeName = "外省某县", level = "High", from = "2026-11-01" });
        var end = await officer.PostAsJsonAsync($"/api/risk-areas/{id}/end", new { to = "2026-11-15" });
        var delete = await officer.DeleteAsync($"/api/risk-areas/{id}");
        var list = await officer.GetFromJsonAsync<Paged<ListRiskAreas.Row>>($"/api/risk-areas?code={code}", TestJson.Options);
        var missing = await commander.PutAsJsonAsync($"/api/risk-areas/{Guid.NewGuid()}",
            new { divisionCode = code, placeName = "外省某县", level = "High", from = "2026-11-01" });

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, end.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var row = Assert.Single(list!.Items);
        Assert.Equal(id, row.Id);
        Assert.Equal("Medium", row.Level);
        Assert.Null(row.To);
    }

    [Fact]
    public async Task ListRiskAreas_Filters_LevelDateCodePrefixAndText()
    {
        var client = await RiskAreaData.CommanderAsync(app);
        var code = RiskAreaData.UnknownCode();
        var prefix = code[..9];
        var tag = RiskAreaData.SubArea();
        async Task<Guid> Add(string level, string from, string? to, string sub)
        {
            var r = await client.PostAsJsonAsync("/api/risk-areas",
                new { divisionCode = code, placeName = "外省某村", subArea = sub, level, from, to });
            r.EnsureSuccessStatusCode();
            return (await r.Content.ReadFromJsonAsync<CreateRiskArea.Created>(TestJson.Options))!.Id;
        }

        var high = await Add("High", "2026-11-01", "2026-11-10", tag + "甲");
        var medium = await Add("Medium", "2026-11-05", null, tag + "乙");
        var low = await Add("低", "2026-10-01", "2026-11-01", "其他");

        async Task<List<Guid>> Ids(string query) =>
            [.. (await client.GetFromJsonAsync<Paged<ListRiskAreas.Row>>($"/api/risk-areas?code={prefix}&{query}", TestJson.Options))!
                .Items.Select(r => r.Id)];

        Assert.Equal([medium, high, low], await Ids(""));
        Assert.Equal([high], await Ids("level=High"));
        Assert.Equal([medium, high], await Ids("on=2026-11-06"));
        Assert.Equal([medium], await Ids("on=2026-11-10"));
        Assert.Equal([low], await Ids("on=2026-10-31"));
        Assert.Equal([medium, high], await Ids("q=" + Uri.EscapeDataString(tag)));
        Assert.Equal([high], await Ids("pageSize=1&page=2"));
        Assert.Empty(await Ids("level=Low&on=2026-11-01"));
        var bad = await ErrorsAsync(await client.GetAsync("/api/risk-areas?level=x&on=2026-13-01&code=ab"));
        Assert.Equal(3, bad.Count);
        Assert.Equal(RiskLevel.Low.Label(), (await client.GetFromJsonAsync<ListRiskAreas.Row>($"/api/risk-areas/{low}", TestJson.Options))!.LevelLabel);
    }
}
