using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.MassTesting.Sites;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.MassTesting.Sites;

[Collection(AppCollection.Name)]
public sealed class TimetableTests(AppFactory app)
{
    [Theory]
    [InlineData("08:00", "09:00", true)] // inside the hours
    [InlineData("07:00", "18:00", true)] // the whole opening, both ends included
    [InlineData("06:30", "08:00", false)] // starts before opening
    [InlineData("17:30", "18:30", false)] // ends after closing
    [InlineData("09:00", "09:00", false)] // empty
    public void WithinHours_Table(string start, string end, bool expected)
    {
        var day = new DateTime(2026, 11, 25);
        Assert.Equal(expected, TimetableRules.WithinHours(day + TimeSpan.Parse(start, CultureInfo.InvariantCulture), day + TimeSpan.Parse(end, CultureInfo.InvariantCulture),
            new TimeOnly(7, 0), new TimeOnly(18, 0)));
    }

    [Fact]
    public void WithinHours_OverMidnight_False() =>
        Assert.False(TimetableRules.WithinHours(new DateTime(2026, 11, 25, 17, 0, 0), new DateTime(2026, 11, 26, 8, 0, 0),
            TimeOnly.MinValue, new TimeOnly(23, 59)));

    [Fact]
    public async Task AddSlot_Rules_ChineseErrorsAndOverlapRefused()
    {
        var s = await RoundKit.SetupAsync(app);
        var roundId = await SiteKit.OpenRoundAsync(s.Township, s.Tree.Township1.Id);
        var siteA = await SiteKit.AddSiteAsync(s.Township, roundId, SiteKit.Site(s.Tree.Village1.Id));
        var siteB = await SiteKit.AddSiteAsync(s.Township, roundId, SiteKit.Site(s.Tree.Township1.Id));
        var grid2 = s.Tree.Nodes[s.Tree.CountyCode + "100001001001001"].Id;

        var ok = await SiteKit.AddSlotAsync(s.Township, roundId, siteA, s.Tree.Grid1.Id, "08:00", "09:00");
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);

        async Task<string> ErrorAsync(Guid site, Guid grid, string start, string end, string field)
        {
            var r = await SiteKit.AddSlotAsync(s.Township, roundId, site, grid, start, end);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            return (await Problem.ReadAsync(r)).For(field);
        }

        Assert.Contains("开放时间", await ErrorAsync(siteA, s.Tree.Grid1.Id, "18:00", "19:00", "StartsAt"));
        Assert.Contains("本轮筛查时间", await ErrorAsync(siteA, s.Tree.Grid1.Id, "06:00", "07:30", "StartsAt"));
        Assert.Contains("应晚于开始时间", await ErrorAsync(siteA, s.Tree.Grid1.Id, "10:00", "09:00", "EndsAt"));
        Assert.Contains("不是本轮筛查范围", await ErrorAsync(siteA, s.Tree.Village1.Id, "10:00", "11:00", "GridId"));
        Assert.Contains("不是本轮筛查范围", await ErrorAsync(siteA, s.Tree.Grid3.Id, "10:00", "11:00", "GridId"));
        // The same grid at another site, overlapping: refused and the clash named.
        var clash = await ErrorAsync(siteB, s.Tree.Grid1.Id, "08:30", "09:30", "StartsAt");
        Assert.Contains("不能重叠", clash);
        Assert.Contains("08:00", clash);

        // Touching end to start is no overlap; another grid at the same time shares the site's lanes.
        Assert.Equal(HttpStatusCode.Created, (await SiteKit.AddSlotAsync(s.Township, roundId, siteB, s.Tree.Grid1.Id, "09:00", "10:00")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SiteKit.AddSlotAsync(s.Township, roundId, siteA, grid2, "08:00", "09:00")).StatusCode);

        var got = await s.Township.GetFromJsonAsync<GetSite.Response>($"/api/testing-rounds/{roundId}/sites/{siteA}", TestJson.Options);
        Assert.Equal(2, got!.Slots.Count);
        Assert.All(got.Slots, x => Assert.Equal(new DateTime(2026, 11, 25, 8, 0, 0), x.StartsAt));

        // Opening hours may not shrink past a slot.
        var edit = await s.Township.PutAsJsonAsync($"/api/testing-rounds/{roundId}/sites/{siteA}",
            SiteKit.Site(s.Tree.Village1.Id, name: "改名", opens: "08:30:00", closes: "18:00:00"));
        Assert.Equal(HttpStatusCode.BadRequest, edit.StatusCode);
        Assert.Contains("调整时间表", (await Problem.ReadAsync(edit)).For("Opens"));

        var slotId = got.Slots.Single(x => x.GridId == grid2).Id;
        var removed = await s.Township.DeleteAsync($"/api/testing-rounds/{roundId}/sites/{siteA}/slots/{slotId}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.SamplingSlots.AnyAsync(x => x.Id == slotId)));
    }

    [Fact]
    public async Task PublicTimetable_Anonymous_ShowsTheGridsSlot()
    {
        var s = await RoundKit.SetupAsync(app);
        var roundId = await SiteKit.OpenRoundAsync(s.Township, s.Tree.Township1.Id);
        var name = "中心小学采样点" + Guid.NewGuid().ToString("N")[..4];
        var siteId = await SiteKit.AddSiteAsync(s.Township, roundId, SiteKit.Site(s.Tree.Village1.Id, name: name));
        Assert.Equal(HttpStatusCode.Created, (await SiteKit.AddSlotAsync(s.Township, roundId, siteId, s.Tree.Grid1.Id, "08:00", "08:30")).StatusCode);
        var anonymous = app.CreateClient();

        var api = await anonymous.GetFromJsonAsync<PublicTimetable.Response>($"/api/testing-timetable/{s.Tree.Grid1.Id}", TestJson.Options);
        var entry = Assert.Single(api!.Entries);
        Assert.Equal((name, new DateTime(2026, 11, 25, 8, 0, 0), new DateTime(2026, 11, 25, 8, 30, 0)),
            (entry.SiteName, entry.StartsAt, entry.EndsAt));
        Assert.Empty((await anonymous.GetFromJsonAsync<PublicTimetable.Response>($"/api/testing-timetable/{s.Tree.Grid3.Id}", TestJson.Options))!.Entries);

        var page = await anonymous.GetAsync($"/testing/timetable/{s.Tree.Grid1.Id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(name, html);
        Assert.Contains("08:00", html);

        var pages = await app.PageClientAsync(s.Organiser);
        var print = await pages.GetAsync($"/testing-rounds/{roundId}/sites/{siteId}/print");
        Assert.Contains(name, await print.Content.ReadAsStringAsync());
        var xlsx = await s.Township.GetAsync($"/api/testing-rounds/{roundId}/sites/{siteId}/timetable.xlsx");
        Assert.Equal(ExportTimetable.ContentType, xlsx.Content.Headers.ContentType?.MediaType);
    }
}
