using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Households;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static GridGuard.Tests.Features.Households.RegistryArrange;

namespace GridGuard.Tests.Features.Households;

[Collection(AppCollection.Name)]
public sealed class ViewIdNumberTests(AppFactory app)
{
    private Task<List<AuditEntry>> ViewsAsync(Guid personId) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == "Person" && a.EntityId == personId.ToString() && a.Action == AuditAction.Viewed)
            .ToListAsync());

    [Fact]
    public async Task ViewIdNumber_VillageOfficer_SeesWholeNumberAndTheViewIsAudited()
    {
        var g = await TwoGridsAsync(app);
        var household = await HouseholdAsync(g.A, g.Tree.Grid1.Id);
        var number = NewIdNumber();
        var person = await MemberAsync(g.A, household, "查看对象", number);
        var viewer = await TestUsers.CreateAsync(app, (Role.VillageOfficer, g.Tree.Village1.Id));
        var client = await app.ApiClientAsync(viewer);

        var body = await client.GetFromJsonAsync<ViewIdNumber.Response>($"/api/persons/{person}/id-number", TestJson.Options);
        var list = await client.GetFromJsonAsync<SearchPersons.Response>("/api/persons?q=" + number, TestJson.Options);

        Assert.Equal(number, body!.IdNumber);
        var view = Assert.Single(await ViewsAsync(person));
        Assert.Equal(viewer.Id, view.UserId);
        Assert.Equal(g.Tree.Grid1.Id, view.JurisdictionId);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, view.At);
        Assert.DoesNotContain(number, view.Changes, StringComparison.Ordinal);
        Assert.Equal(IdNumbers.Mask(number), Assert.Single(list!.Items).IdNumber);
    }

    [Fact]
    public async Task ViewIdNumber_GridManagerInScope_Returns403AndWritesNoAudit()
    {
        var g = await TwoGridsAsync(app);
        var household = await HouseholdAsync(g.A, g.Tree.Grid1.Id);
        var number = NewIdNumber();
        var person = await MemberAsync(g.A, household, "查看对象", number);

        var response = await g.A.GetAsync($"/api/persons/{person}/id-number");
        var details = await g.A.GetStringAsync($"/api/persons/{person}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(number, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(number, details, StringComparison.Ordinal);
        Assert.Empty(await ViewsAsync(person));
    }

    [Fact]
    public async Task ViewIdNumber_ViewerOfAnotherVillage_Returns404()
    {
        var g = await TwoGridsAsync(app);
        var household = await HouseholdAsync(g.A, g.Tree.Grid1.Id);
        var person = await MemberAsync(g.A, household, "查看对象");
        var other = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, g.Tree.Village3.Id)));

        var response = await other.GetAsync($"/api/persons/{person}/id-number");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await ViewsAsync(person));
    }

    [Fact]
    public async Task HouseholdPage_ViewerRevealsOneNumber_ShowsItAndAuditsIt()
    {
        var g = await TwoGridsAsync(app);
        var household = await HouseholdAsync(g.A, g.Tree.Grid1.Id);
        var number = NewIdNumber();
        var other = NewIdNumber();
        var person = await MemberAsync(g.A, household, "甲", number);
        await MemberAsync(g.A, household, "乙", other);
        var viewer = await TestUsers.CreateAsync(app, (Role.VillageOfficer, g.Tree.Village1.Id));
        var page = await app.PageClientAsync(viewer);
        var url = $"/households/{household}";

        var before = await page.GetTextAsync(url);
        var form = await Forms.GetFormAsync(page, url, "reveal");
        form["RevealId"] = person.ToString();
        var after = await (await Forms.PostAsync(page, url, form)).TextAsync();

        Assert.Contains("显示完整号码", before, StringComparison.Ordinal);
        Assert.DoesNotContain(number, before, StringComparison.Ordinal);
        Assert.Contains(number, after, StringComparison.Ordinal);
        Assert.DoesNotContain(other, after, StringComparison.Ordinal);
        Assert.Equal(viewer.Id, Assert.Single(await ViewsAsync(person)).UserId);
    }

    [Fact]
    public async Task PersonPage_NonViewer_HasNoButtonAndCannotReveal()
    {
        var g = await TwoGridsAsync(app);
        var household = await HouseholdAsync(g.A, g.Tree.Grid1.Id);
        var number = NewIdNumber();
        var person = await MemberAsync(g.A, household, "甲", number);
        var page = await app.PageClientAsync(g.UserA);

        var personHtml = await page.GetTextAsync($"/persons/{person}");
        var form = await Forms.GetFormAsync(page, $"/households/{household}", "reveal");
        form["RevealId"] = person.ToString();
        var forced = await Forms.PostAsync(page, $"/households/{household}", form);

        Assert.DoesNotContain("显示完整号码", personHtml, StringComparison.Ordinal);
        Assert.Contains(IdNumbers.Mask(number), personHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forced.StatusCode);
        var forcedText = await forced.TextAsync();
        Assert.DoesNotContain(number, forcedText, StringComparison.Ordinal);
        Assert.Contains("无权查看完整证件号码", forcedText, StringComparison.Ordinal);
        Assert.Empty(await ViewsAsync(person));
    }
}
