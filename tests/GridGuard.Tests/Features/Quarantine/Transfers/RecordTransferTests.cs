using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Quarantine;
using GridGuard.Features.Quarantine.Transfers;
using GridGuard.Platform.Audit;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Quarantine.Transfers;

[Collection(AppCollection.Name)]
public sealed class RecordTransferTests(AppFactory app)
{
    private Dictionary<string, object?> Body(Guid person, Action<Dictionary<string, object?>>? set = null)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var body = new Dictionary<string, object?>
        {
            ["personId"] = person,
            ["fromAddress"] = "甲镇丙村 3 组 12 号",
            ["vehiclePlate"] = "云a 12345",
            ["negativePressure"] = true,
            ["crew"] = "王师傅，护士李娟",
            ["departedAt"] = now.AddHours(-2),
            ["arrivedAt"] = now.AddHours(-1),
        };
        set?.Invoke(body);
        return body;
    }

    [Fact]
    public async Task RecordTransfer_FromAnAddress_IsListedForTheSiteAndThePersonAndAudited()
    {
        var v = await SiteKit.VillagesAsync(app);
        var site = await SiteKit.SiteAsync(v.A, v.Tree.Village1.Id);
        var person = await SiteKit.PersonAsync(app, v.Tree.Grid1.Id, "转运人");

        var response = await v.A.PostAsJsonAsync($"/api/quarantine-sites/{site}/transfers", Body(person));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<RecordTransfer.Recorded>(TestJson.Options))!.Id;
        var forSite = (await v.A.GetFromJsonAsync<List<ListTransfers.Item>>($"/api/quarantine-sites/{site}/transfers", TestJson.Options))!;
        var t = Assert.Single(forSite);
        Assert.Equal((id, "转运人", "甲镇丙村 3 组 12 号", "云A12345", true, "王师傅、护士李娟"),
            (t.Id, t.PersonName, t.From, t.VehiclePlate, t.NegativePressure, t.Crew));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddHours(-2), t.DepartedAt, TimeSpan.FromSeconds(1));
        var forPerson = (await v.A.GetFromJsonAsync<List<ListTransfers.Item>>($"/api/quarantine-sites/transfers?person={person}", TestJson.Options))!;
        Assert.Equal([id], forPerson.Select(x => x.Id));
        Assert.Empty((await v.B.GetFromJsonAsync<List<ListTransfers.Item>>($"/api/quarantine-sites/transfers?person={person}", TestJson.Options))!);
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityId == id.ToString()));
        Assert.Equal((nameof(Transfer), AuditAction.Added, (Guid?)v.Tree.Grid1.Id), (audit.Entity, audit.Action, audit.JurisdictionId));

        var page = await app.PageClientAsync(v.UserA);
        Assert.Contains("云A12345（负压）", await page.GetTextAsync($"/quarantine-sites/{site}"), StringComparison.Ordinal);
        Assert.Contains("转运：甲镇丙村 3 组 12 号", await page.GetTextAsync($"/persons/{person}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordTransfer_FromAnotherSite_ShowsOnBothSites()
    {
        var v = await SiteKit.VillagesAsync(app);
        var from = await SiteKit.SiteAsync(v.A, v.Tree.Village1.Id, "出发点" + Guid.NewGuid().ToString("N")[..6]);
        var to = await SiteKit.SiteAsync(v.A, v.Tree.Village1.Id);
        var person = await SiteKit.PersonAsync(app, v.Tree.Grid1.Id);

        var response = await v.A.PostAsJsonAsync($"/api/quarantine-sites/{to}/transfers",
            Body(person, b => { b["fromAddress"] = null; b["fromSiteId"] = from; }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var atFrom = (await v.A.GetFromJsonAsync<List<ListTransfers.Item>>($"/api/quarantine-sites/{from}/transfers", TestJson.Options))!;
        Assert.StartsWith("隔离点：出发点", Assert.Single(atFrom).From, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vehiclePlate", "A12345", "VehiclePlate", "车牌号：“A12345”不是有效的车牌号")]
    [InlineData("crew", " ", "Crew", "随车人员：不能为空")]
    [InlineData("fromAddress", null, "FromAddress", "出发地址：请填写出发地址，或选择出发隔离点")]
    [InlineData("departedAt", null, "DepartedAt", "出发时间：不能为空")]
    [InlineData("departedAt", "FUTURE", "DepartedAt", "出发时间：不能晚于现在")]
    [InlineData("arrivedAt", "BEFORE", "ArrivedAt", "到达时间：不能早于出发时间")]
    [InlineData("personId", null, "PersonId", "人员：请选择人员")]
    public async Task RecordTransfer_BadInput_Returns400NamingTheField(string field, string? value, string key, string message)
    {
        var v = await SiteKit.VillagesAsync(app);
        var site = await SiteKit.SiteAsync(v.A, v.Tree.Village1.Id);
        var person = await SiteKit.PersonAsync(app, v.Tree.Grid1.Id);
        var now = app.Clock.GetUtcNow().UtcDateTime;

        var response = await v.A.PostAsJsonAsync($"/api/quarantine-sites/{site}/transfers", Body(person, b => b[field] = value switch
        {
            "FUTURE" => now.AddHours(1),
            "BEFORE" => now.AddHours(-3),
            _ => value,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(message, (await Problem.ReadAsync(response)).For(key), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Transfers.AnyAsync(t => t.ToSiteId == site)));
    }

    [Fact]
    public async Task RecordTransfer_OtherVillagesSiteOrPerson_Refused()
    {
        var v = await SiteKit.VillagesAsync(app);
        var mine = await SiteKit.SiteAsync(v.A, v.Tree.Village1.Id);
        var theirs = await SiteKit.SiteAsync(v.B, v.Tree.Village3.Id);
        var outsider = await SiteKit.PersonAsync(app, v.Tree.Grid3.Id);

        var toTheirs = await v.A.PostAsJsonAsync($"/api/quarantine-sites/{theirs}/transfers", Body(await SiteKit.PersonAsync(app, v.Tree.Grid1.Id)));
        var ofOutsider = await v.A.PostAsJsonAsync($"/api/quarantine-sites/{mine}/transfers", Body(outsider));

        Assert.Equal(HttpStatusCode.NotFound, toTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, ofOutsider.StatusCode);
        Assert.Equal("人员：不存在或不在您的管辖范围内", (await Problem.ReadAsync(ofOutsider)).For("PersonId"));
    }
}
