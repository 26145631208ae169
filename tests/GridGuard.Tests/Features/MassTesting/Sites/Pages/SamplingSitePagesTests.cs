using System.Net;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.MassTesting.Sites.Pages;

[Collection(AppCollection.Name)]
public sealed class SamplingSitePagesTests(AppFactory app)
{
    [Fact]
    public async Task SiteEditorAndTimetable_PostForms_SaveSiteAndSlot()
    {
        var s = await RoundKit.SetupAsync(app);
        var roundId = await SiteKit.OpenRoundAsync(s.Township, s.Tree.Township1.Id);
        var page = await app.PageClientAsync(s.Organiser);
        var url = $"/testing-rounds/{roundId}/sites/new";

        var form = await Forms.GetFormAsync(page, url, "sampling-site");
        form["Input.Name"] = "";
        form["Input.Address"] = "甲镇人民路 2 号";
        form["Input.JurisdictionId"] = s.Tree.Village1.Id.ToString();
        form["Input.Opens"] = "07:00";
        form["Input.Closes"] = "12:00";
        form["Input.Lanes"] = "3";
        var invalid = await Forms.PostAsync(page, url, form);
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("采样点名称：不能为空", await invalid.Content.ReadAsStringAsync());

        form["Input.Name"] = "小学操场采样点";
        var saved = await Forms.PostAsync(page, url, form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var siteId = await app.WithDbAsync(db => db.SamplingSites.Where(x => x.RoundId == roundId).Select(x => x.Id).SingleAsync());
        Assert.EndsWith($"/sites/{siteId}", saved.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var detail = $"/testing-rounds/{roundId}/sites/{siteId}";
        var slot = await Forms.GetFormAsync(page, detail, "slot");
        slot["Slot.GridId"] = s.Tree.Grid1.Id.ToString();
        slot["Slot.StartsAt"] = "2026-11-25T09:00";
        slot["Slot.EndsAt"] = "2026-11-25T09:30";
        var added = await (await Forms.PostAsync(page, detail, slot)).Content.ReadAsStringAsync();
        Assert.Contains("已加入时间表", added);
        Assert.Contains("09:00–09:30", added);
    }
}
