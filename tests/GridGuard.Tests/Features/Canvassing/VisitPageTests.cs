using System.Net;
using GridGuard.Features.Canvassing;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Canvassing;

/// <summary>The visit page as a phone without JavaScript would use it: plain form posts.</summary>
[Collection(AppCollection.Name)]
public sealed class VisitPageTests(AppFactory app)
{
    private static string Url(Guid household) => $"/households/{household}/visit";

    [Fact]
    public async Task VisitPage_Get_ListsMembersWithMaskedIdNumbers()
    {
        var tree = await TestTree.CreateAsync(app);
        var household = await Registry.HouseholdAsync(app, tree.Grid1, "幸福路 8 号");
        var member = await Registry.PersonAsync(app, tree.Grid1, household, "韩页面");
        var client = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(Url(household)));

        Assert.Contains("韩页面", html, StringComparison.Ordinal);
        Assert.Contains("幸福路 8 号", html, StringComparison.Ordinal);
        Assert.Contains(GridGuard.Features.Households.IdNumbers.Mask(member.IdNumber), html, StringComparison.Ordinal);
        Assert.DoesNotContain(member.IdNumber!, html, StringComparison.Ordinal);
        Assert.Contains("<h1", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VisitPage_PostWithSymptomAndFever_SavedAndFlagged()
    {
        var tree = await TestTree.CreateAsync(app);
        var household = await Registry.HouseholdAsync(app, tree.Grid1);
        var hot = await Registry.PersonAsync(app, tree.Grid1, household, "杨发热");
        var coughing = await Registry.PersonAsync(app, tree.Grid1, household, "朱咳嗽");
        var client = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));
        var url = Url(household);
        var form = await Forms.GetFormAsync(client, url, "visit");
        form["Input.Action"] = "save";
        form["Input.Members[0].PersonId"] = hot.Id.ToString();
        form["Input.Members[0].Presence"] = "Present";
        form["Input.Members[0].Temperature"] = "37.5";
        form["Input.Members[1].PersonId"] = coughing.Id.ToString();
        form["Input.Members[1].Presence"] = "Present";
        form["Input.Members[1].Temperature"] = "36.6";
        form["Input.Members[1].Symptoms[Cough]"] = "true";
        form["Input.Members[1].Travel[0].PlaceName"] = "昆明市";
        form["Input.Members[1].Travel[0].From"] = Registry.Today(app).AddDays(-4).ToString("yyyy-MM-dd", null);
        form["Input.Members[1].Travel[0].To"] = Registry.Today(app).AddDays(-2).ToString("yyyy-MM-dd", null);

        var response = await Forms.PostAsync(client, url, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("已保存入户排查记录", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var flags = await app.WithDbAsync(db => db.KeyPersonFlags
            .Where(f => f.PersonId == hot.Id || f.PersonId == coughing.Id).Select(f => new { f.PersonId, f.Category }).ToListAsync());
        Assert.Equal(2, flags.Count);
        Assert.All(flags, f => Assert.Equal(KeyPersonCategory.Fever, f.Category));
        var visitMember = await app.WithDbAsync(db => db.VisitMembers.Include(m => m.Travel).SingleAsync(m => m.PersonId == coughing.Id));
        Assert.Equal("Cough", visitMember.Symptoms);
        Assert.Equal("昆明市", Assert.Single(visitMember.Travel).PlaceName);
    }

    [Fact]
    public async Task VisitPage_PostBadTemperature_ShowsChineseErrorAndSavesNothing()
    {
        var tree = await TestTree.CreateAsync(app);
        var household = await Registry.HouseholdAsync(app, tree.Grid1);
        var member = await Registry.PersonAsync(app, tree.Grid1, household, "秦高温");
        var client = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));
        var url = Url(household);
        var form = await Forms.GetFormAsync(client, url, "visit");
        form["Input.Action"] = "save";
        form["Input.Members[0].PersonId"] = member.Id.ToString();
        form["Input.Members[0].Presence"] = "Present";
        form["Input.Members[0].Temperature"] = "50";

        var response = await Forms.PostAsync(client, url, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("成员 1 体温：应在 34.0–43.0 之间", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.HouseholdVisits.AnyAsync(v => v.HouseholdId == household)));
    }

    [Fact]
    public async Task VisitPage_AddPersonButton_AddsARowAndKeepsTypedValues()
    {
        var tree = await TestTree.CreateAsync(app);
        var household = await Registry.HouseholdAsync(app, tree.Grid1);
        var member = await Registry.PersonAsync(app, tree.Grid1, household, "许保留");
        var client = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));
        var url = Url(household);
        var form = await Forms.GetFormAsync(client, url, "visit");
        form["Input.Action"] = "add-person";
        form["Input.Members[0].PersonId"] = member.Id.ToString();
        form["Input.Members[0].Presence"] = "Present";
        form["Input.Members[0].Temperature"] = "36.7";

        var response = await Forms.PostAsync(client, url, form);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("name=\"Input.NewPersons[0].Name\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"36.7\"", html, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.HouseholdVisits.AnyAsync(v => v.HouseholdId == household)));
    }

    [Fact]
    public async Task VisitPage_HouseholdOfAnotherGrid_Returns404()
    {
        var tree = await TestTree.CreateAsync(app);
        var household = await Registry.HouseholdAsync(app, tree.Grid3);
        await Registry.PersonAsync(app, tree.Grid3, household, "何别处");
        var client = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));

        var response = await client.GetAsync(Url(household));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("何别处", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}
