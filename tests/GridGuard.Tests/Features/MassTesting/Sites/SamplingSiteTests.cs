using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.MassTesting;
using GridGuard.Features.MassTesting.Sites;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.MassTesting.Sites;

[Collection(AppCollection.Name)]
public sealed class SamplingSiteTests(AppFactory app)
{
    [Fact]
    public async Task AddSite_BadInput_ChineseFieldErrors()
    {
        var s = await RoundKit.SetupAsync(app);
        var roundId = await SiteKit.OpenRoundAsync(s.Township, s.Tree.Township1.Id);

        var response = await s.Township.PostAsJsonAsync($"/api/testing-rounds/{roundId}/sites", new
        {
            name = "",
            address = " ",
            jurisdictionId = s.Tree.Village3.Id,
            opens = "20:00:00",
            closes = "07:00:00",
            lanes = 0,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Contains("采样点名称：不能为空", problem.For("Name"));
        Assert.Contains("地址：不能为空", problem.For("Address"));
        Assert.Contains("不在本轮筛查范围", problem.For("JurisdictionId"));
        Assert.Contains("关闭时间：应晚于开放时间", problem.For("Closes"));
        Assert.Contains("采样通道数", problem.For("Lanes"));

        var tooMany = await s.Township.PostAsJsonAsync($"/api/testing-rounds/{roundId}/sites",
            SiteKit.Site(s.Tree.Village1.Id, lanes: SamplingSite.MaxLanes + 1));
        Assert.Contains($"1 至 {SamplingSite.MaxLanes}", (await Problem.ReadAsync(tooMany)).For("Lanes"));
    }

    [Fact]
    public async Task AddSite_ThenEditListGet_SavesAndRefusesDuplicateName()
    {
        var s = await RoundKit.SetupAsync(app);
        var roundId = await SiteKit.OpenRoundAsync(s.Township, s.Tree.Township1.Id);
        var first = await SiteKit.AddSiteAsync(s.Township, roundId, SiteKit.Site(s.Tree.Village1.Id, name: "一号采样点"));
        var second = await SiteKit.AddSiteAsync(s.Township, roundId, SiteKit.Site(s.Tree.Township1.Id, name: "二号采样点"));

        var duplicate = await s.Township.PostAsJsonAsync($"/api/testing-rounds/{roundId}/sites", SiteKit.Site(s.Tree.Village1.Id, name: "一号采样点"));
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("已有名为“一号采样点”", (await Problem.ReadAsync(duplicate)).For("Name"));

        var edit = await s.Township.PutAsJsonAsync($"/api/testing-rounds/{roundId}/sites/{second}",
            SiteKit.Site(s.Tree.Village1.Id, name: "二号采样点（新）", opens: "08:00:00", closes: "12:00:00", lanes: 2));
        Assert.Equal(HttpStatusCode.NoContent, edit.StatusCode);

        var list = await s.Township.GetFromJsonAsync<ListSites.Response>($"/api/testing-rounds/{roundId}/sites", TestJson.Options);
        Assert.Equal(["一号采样点", "二号采样点（新）"], list!.Items.Select(i => i.Name));
        Assert.True(list.CanOrganise);
        var got = await s.Township.GetFromJsonAsync<GetSite.Response>($"/api/testing-rounds/{roundId}/sites/{second}", TestJson.Options);
        Assert.Equal((new TimeOnly(8, 0), new TimeOnly(12, 0), 2, s.Tree.Village1.Id), (got!.Opens, got.Closes, got.Lanes, got.JurisdictionId));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Sites_OtherTownshipOfficer_NotFound_MedicalStaff_Forbidden()
    {
        var s = await RoundKit.SetupAsync(app);
        var roundId = await SiteKit.OpenRoundAsync(s.Township, s.Tree.Township1.Id);
        var siteId = await SiteKit.AddSiteAsync(s.Township, roundId, SiteKit.Site(s.Tree.Village1.Id));
        var other = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.TownshipOfficer, s.Tree.Township2.Id)));
        var medical = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.MedicalStaff, s.Tree.Township1.Id)));

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/testing-rounds/{roundId}/sites")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/testing-rounds/{roundId}/sites/{siteId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await other.PostAsJsonAsync($"/api/testing-rounds/{roundId}/sites", SiteKit.Site(s.Tree.Village1.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await SiteKit.AddSlotAsync(other, roundId, siteId, s.Tree.Grid1.Id, "08:00", "09:00")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await medical.PostAsJsonAsync($"/api/testing-rounds/{roundId}/sites", SiteKit.Site(s.Tree.Village1.Id))).StatusCode);
    }
}
