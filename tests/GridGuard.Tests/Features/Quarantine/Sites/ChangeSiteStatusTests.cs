using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Quarantine;
using GridGuard.Features.Quarantine.Sites;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Quarantine.Sites;

[Collection(AppCollection.Name)]
public sealed class ChangeSiteStatusTests(AppFactory app)
{
    [Fact]
    public async Task ChangeSiteStatus_StandbyActivatingActiveStandby_RecordsTheTimes()
    {
        var v = await SiteKit.VillagesAsync(app);
        var id = await SiteKit.SiteAsync(v.A, v.Tree.Village1.Id);
        Assert.Equal(SiteStatus.Standby, (await SiteKit.GetAsync(v.A, id)).Status);

        var started = app.Clock.GetUtcNow().UtcDateTime;
        await SiteKit.StatusAsync(v.A, id, "Activating");
        var activating = await SiteKit.GetAsync(v.A, id);
        Assert.Equal((SiteStatus.Activating, "启用中", started), (activating.Status, activating.StatusLabel, activating.ActivationStartedAt));
        Assert.Equal((1440, false), (activating.Activation!.RemainingMinutes, activating.Activation.Overdue));

        var response = await SiteKit.StatusAsync(v.A, id, "已启用");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var active = (await response.Content.ReadFromJsonAsync<GetSite.Response>(TestJson.Options))!;
        Assert.Equal(SiteStatus.Active, active.Status);
        Assert.NotNull(active.ActivatedAt);
        Assert.Null(active.Activation);

        await SiteKit.StatusAsync(v.A, id, "Standby");
        var standby = await SiteKit.GetAsync(v.A, id);
        Assert.Equal((SiteStatus.Standby, (DateTime?)null, (DateTime?)null), (standby.Status, standby.ActivationStartedAt, standby.ActivatedAt));
    }

    [Fact]
    public async Task ChangeSiteStatus_ClockAdvances_RemainingTimeShrinks()
    {
        var v = await SiteKit.VillagesAsync(app);
        var id = await SiteKit.SiteAsync(v.A, v.Tree.Village1.Id);
        await SiteKit.StatusAsync(v.A, id, "Activating");

        app.Clock.Advance(TimeSpan.FromMinutes(30));

        var site = await SiteKit.GetAsync(v.A, id);
        Assert.Equal(1410, site.Activation!.RemainingMinutes);
        Assert.Equal("启用倒计时：剩余 23 小时 30 分", site.Activation.Text);
    }

    [Fact]
    public async Task ActivationClock_24HoursPassWithoutActive_WarnsOnListDetailAndPages()
    {
        var v = await SiteKit.VillagesAsync(app);
        var name = SiteKit.NewName();
        var id = await SiteKit.SiteAsync(v.A, v.Tree.Village1.Id, name);
        await SiteKit.StatusAsync(v.A, id, "Activating");
        // The shared FakeTimeProvider cannot go back, and moving it a day would shift other tests' "today": the
        // activation is moved 24 h 5 min into the clock's past instead.
        await app.WithDbAsync(db => db.QuarantineSites.Where(s => s.Id == id).ExecuteUpdateAsync(
            u => u.SetProperty(s => s.ActivationStartedAt, app.Clock.GetUtcNow().UtcDateTime.AddHours(-24).AddMinutes(-5))));

        var detail = await SiteKit.GetAsync(v.A, id);
        Assert.True(detail.Activation!.Overdue);
        Assert.StartsWith("警告：启用已超过 24 小时（超时 0 小时 5 分）", detail.Activation.Text, StringComparison.Ordinal);
        var list = (await v.A.GetFromJsonAsync<ListSites.Response>(
            $"/api/quarantine-sites?node={v.Tree.Village1.Id}", TestJson.Options))!;
        Assert.True(list.Items.Single(i => i.Id == id).Activation!.Overdue);
        Assert.Equal(1, list.Warnings);

        var page = await app.PageClientAsync(v.UserA);
        var listHtml = await page.GetTextAsync($"/quarantine-sites?node={v.Tree.Village1.Id}");
        Assert.Contains("data-testid=\"site-warning\">警告", listHtml, StringComparison.Ordinal);
        Assert.Contains("警告：1 个隔离点启用已超过 24 小时", listHtml, StringComparison.Ordinal);
        Assert.Contains("警告：启用已超过 24 小时", await page.GetTextAsync($"/quarantine-sites/{id}"), StringComparison.Ordinal);

        // Reaching Active clears the warning.
        await SiteKit.StatusAsync(v.A, id, "Active");
        Assert.Null((await SiteKit.GetAsync(v.A, id)).Activation);
    }

    [Theory]
    [InlineData("Active", "状态：待命的隔离点须先“启动启用”")]
    [InlineData("Standby", "状态：隔离点已是“待命”")]
    [InlineData("", "状态：请选择新状态")]
    [InlineData("Open", "状态：“Open”无法识别")]
    public async Task ChangeSiteStatus_NotAllowedFromStandby_Returns400NamingStatus(string status, string message)
    {
        var v = await SiteKit.VillagesAsync(app);
        var id = await SiteKit.SiteAsync(v.A, v.Tree.Village1.Id);

        var response = await SiteKit.StatusAsync(v.A, id, status);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(message, (await Problem.ReadAsync(response)).For("Status"), StringComparison.Ordinal);
        Assert.Equal(SiteStatus.Standby, (await SiteKit.GetAsync(v.A, id)).Status);
    }

    [Fact]
    public async Task ChangeSiteStatus_ActiveWithPeopleToStandby_Returns400()
    {
        var v = await SiteKit.VillagesAsync(app);
        var (site, rooms) = await SiteKit.ActiveSiteAsync(v.A, v.Tree.Village1.Id, "101");
        await SiteKit.PlaceAsync(v.A, site, rooms["101"], await SiteKit.PersonAsync(app, v.Tree.Grid1.Id));

        var response = await SiteKit.StatusAsync(v.A, site, "Standby");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("状态：仍有 1 人在住，全部退房后才能撤回待命", (await Problem.ReadAsync(response)).For("Status"));
    }

    [Fact]
    public async Task ChangeSiteStatus_OtherVillagesSite_Returns404AndChangesNothing()
    {
        var v = await SiteKit.VillagesAsync(app);
        var id = await SiteKit.SiteAsync(v.B, v.Tree.Village3.Id);

        var response = await SiteKit.StatusAsync(v.A, id, "Activating");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(SiteStatus.Standby, (await SiteKit.GetAsync(v.B, id)).Status);
    }
}
