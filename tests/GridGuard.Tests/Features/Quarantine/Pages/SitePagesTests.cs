using System.Net;
using GridGuard.Features.Quarantine;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Quarantine.Pages;

/// <summary>The site pages as a browser without JavaScript: register, rooms, bed board, placement, transfer, scope.</summary>
[Collection(AppCollection.Name)]
public sealed class SitePagesTests(AppFactory app)
{
    [Fact]
    public async Task RegisterPage_ValidForm_RegistersAndRedirectsToTheSite()
    {
        var v = await SiteKit.VillagesAsync(app);
        var page = await app.PageClientAsync(v.UserA);
        var name = SiteKit.NewName();
        var form = await Forms.GetFormAsync(page, "/quarantine-sites/new", "site");
        form["Input.JurisdictionId"] = v.Tree.Village1.Id.ToString();
        form["Input.Name"] = name;
        form["Input.Address"] = "乙路 1 号";
        form["Input.ResponsibleName"] = "钱站长";
        form["Input.ResponsiblePhone"] = "13912345678";

        var response = await Forms.PostAsync(page, "/quarantine-sites/new", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var site = await app.WithDbAsync(db => db.QuarantineSites.AsNoTracking().SingleAsync(s => s.Name == name));
        Assert.EndsWith($"/quarantine-sites/{site.Id}", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var list = await page.GetTextAsync("/quarantine-sites");
        Assert.Contains(name, list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterPage_MissingName_ShowsTheMessageBesideTheField()
    {
        var v = await SiteKit.VillagesAsync(app);
        var page = await app.PageClientAsync(v.UserA);
        var form = await Forms.GetFormAsync(page, "/quarantine-sites/new", "site");
        form["Input.JurisdictionId"] = v.Tree.Village1.Id.ToString();
        form["Input.Address"] = "乙路 1 号";
        form["Input.ResponsibleName"] = "钱站长";

        var response = await Forms.PostAsync(page, "/quarantine-sites/new", form);

        Assert.Contains("data-testid=\"error-Name\">隔离点名称：不能为空", await response.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BedBoard_RoomsPlacementCheckOutAndCleaning_ThroughThePages()
    {
        var v = await SiteKit.VillagesAsync(app);
        var page = await app.PageClientAsync(v.UserA);
        var site = await SiteKit.SiteAsync(v.A, v.Tree.Village1.Id);
        await SiteKit.ActivateAsync(v.A, site);
        var person = await SiteKit.PersonAsync(app, v.Tree.Grid1.Id, "看板人");

        var rooms = await Forms.GetFormAsync(page, $"/quarantine-sites/{site}/rooms/new", "rooms");
        rooms["Input.Codes"] = "301-304";
        rooms["Input.Capacity"] = "1";
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(page, $"/quarantine-sites/{site}/rooms/new", rooms)).StatusCode);
        var room = (await SiteKit.GetAsync(v.A, site)).Rooms.Single(r => r.Code == "302");

        var assign = await Forms.GetFormAsync(page, $"/quarantine-sites/{site}/assign", "assign");
        assign["Input.PersonId"] = person.ToString();
        assign["Input.RoomId"] = room.Id.ToString();
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(page, $"/quarantine-sites/{site}/assign", assign)).StatusCode);

        var html = await page.GetTextAsync($"/quarantine-sites/{site}");
        Assert.Contains("data-testid=\"count-free\">空闲 3", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"count-occupied\">在住 1", html, StringComparison.Ordinal);
        Assert.Equal(4, CountOf(html, "data-testid=\"room\""));
        Assert.Contains("看板人", html, StringComparison.Ordinal);

        var assignment = await app.WithDbAsync(db => db.RoomAssignments.Where(a => a.PersonId == person).Select(a => a.Id).SingleAsync());
        var board = await Forms.GetFormAsync(page, $"/quarantine-sites/{site}", "board");
        board["BoardAction"] = $"checkout:{assignment}";
        var afterCheckOut = await (await Forms.PostAsync(page, $"/quarantine-sites/{site}", board)).TextAsync();
        Assert.Contains("已退房，房间转为待消杀", afterCheckOut, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"count-cleaning\">待消杀 1", afterCheckOut, StringComparison.Ordinal);

        board["BoardAction"] = $"cleaned:{room.Id}";
        var afterCleaning = await (await Forms.PostAsync(page, $"/quarantine-sites/{site}", board)).TextAsync();
        Assert.Contains("data-testid=\"count-free\">空闲 4", afterCleaning, StringComparison.Ordinal);
        Assert.Contains("看板人", await page.GetTextAsync($"/persons/{person}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssignPage_SiteNotActive_ShowsWhyBesideTheForm()
    {
        var v = await SiteKit.VillagesAsync(app);
        var page = await app.PageClientAsync(v.UserA);
        var site = await SiteKit.SiteAsync(v.A, v.Tree.Village1.Id);
        var rooms = await SiteKit.RoomsAsync(v.A, site, "101");
        var form = await Forms.GetFormAsync(page, $"/quarantine-sites/{site}/assign", "assign");
        form["Input.PersonId"] = (await SiteKit.PersonAsync(app, v.Tree.Grid1.Id)).ToString();
        form["Input.RoomId"] = rooms["101"].ToString();

        var text = await (await Forms.PostAsync(page, $"/quarantine-sites/{site}/assign", form)).TextAsync();

        Assert.Contains("当前为“待命”，启用后才能安排入住", text, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.RoomAssignments.AnyAsync(a => a.SiteId == site)));
    }

    [Fact]
    public async Task TransferPage_ValidForm_RecordsTheTransfer()
    {
        var v = await SiteKit.VillagesAsync(app);
        var page = await app.PageClientAsync(v.UserA);
        var site = await SiteKit.SiteAsync(v.A, v.Tree.Village1.Id);
        var person = await SiteKit.PersonAsync(app, v.Tree.Grid1.Id);
        var form = await Forms.GetFormAsync(page, $"/quarantine-sites/{site}/transfers/new", "transfer");
        form["Input.PersonId"] = person.ToString();
        form["Input.FromAddress"] = "丙村 5 号";
        form["Input.VehiclePlate"] = "云A54321";
        form["Input.Crew"] = "司机张";
        form["Input.DepartedAt"] = "2026-11-24T06:00:00";

        var response = await Forms.PostAsync(page, $"/quarantine-sites/{site}/transfers/new", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var t = await app.WithDbAsync(db => db.Transfers.AsNoTracking().SingleAsync(x => x.ToSiteId == site));
        // 06:00 county time (UTC+8) is 22:00 UTC the day before.
        Assert.Equal((person, "云A54321", false, new DateTime(2026, 11, 23, 22, 0, 0)), (t.PersonId, t.VehiclePlate, t.NegativePressure, t.DepartedAt));
    }

    [Fact]
    public async Task SitePages_OtherVillagesSite_NotListedAndDetail404()
    {
        var v = await SiteKit.VillagesAsync(app);
        var page = await app.PageClientAsync(v.UserA);
        var theirName = SiteKit.NewName();
        var theirs = await SiteKit.SiteAsync(v.B, v.Tree.Village3.Id, theirName);

        var list = await page.GetTextAsync("/quarantine-sites");
        var detail = await page.GetAsync($"/quarantine-sites/{theirs}");
        var assign = await page.GetAsync($"/quarantine-sites/{theirs}/assign");

        Assert.DoesNotContain(theirName, list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
        Assert.DoesNotContain(theirName, await detail.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, assign.StatusCode);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
