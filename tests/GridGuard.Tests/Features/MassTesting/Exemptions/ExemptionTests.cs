using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.MassTesting;
using GridGuard.Features.MassTesting.Exemptions;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Features.MassTesting.Sites;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.MassTesting.Exemptions;

[Collection(AppCollection.Name)]
public sealed class ExemptionTests(AppFactory app)
{
    private Task<RoundTally> TallyAsync(Guid roundId, Guid node) =>
        app.WithDbAsync(db => db.RoundTallies.AsNoTracking().SingleAsync(t => t.RoundId == roundId && t.JurisdictionId == node));

    [Fact]
    public async Task RecordExemption_BadInput_ChineseFieldErrors()
    {
        var s = await RoundKit.SetupAsync(app);
        var people = await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, ("赵一", []));
        var roundId = await SiteKit.OpenRoundAsync(s.Township, s.Tree.Township1.Id);

        var away = await s.Grid1.PostAsJsonAsync($"/api/testing-rounds/{roundId}/exemptions", new { personId = people[0], kind = "外出", reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, away.StatusCode);
        var problem = await Problem.ReadAsync(away);
        Assert.Contains("须注明去向", problem.For("Place"));
        Assert.Contains("免检原因：不能为空", problem.For("Reason"));

        var unknown = await s.Grid1.PostAsJsonAsync($"/api/testing-rounds/{roundId}/exemptions", new { personId = people[0], kind = "出差", reason = "x" });
        Assert.Contains("无法识别", (await Problem.ReadAsync(unknown)).For("Kind"));
        Assert.Equal(0, (await TallyAsync(roundId, s.Tree.Grid1.Id)).Exempt);
    }

    [Fact]
    public async Task RecordThenLift_MovesTallyAndIsAudited()
    {
        var s = await RoundKit.SetupAsync(app);
        var people = await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, ("钱一", []), ("钱二", []));
        var roundId = await SiteKit.OpenRoundAsync(s.Township, s.Tree.Township1.Id);
        var before = await TallyAsync(roundId, s.Tree.Grid1.Id);

        var recorded = await s.Grid1.PostAsJsonAsync($"/api/testing-rounds/{roundId}/exemptions",
            new { personId = people[0], kind = "外出", place = "昆明市五华区", reason = "务工，11月20日离开" });
        Assert.Equal(HttpStatusCode.NoContent, recorded.StatusCode);
        var again = await s.Grid1.PostAsJsonAsync($"/api/testing-rounds/{roundId}/exemptions",
            new { personId = people[0], kind = "Hospitalised", reason = "住院" });
        Assert.Contains("已登记免检", (await Problem.ReadAsync(again)).For("Kind"));

        var after = await TallyAsync(roundId, s.Tree.Grid1.Id);
        Assert.Equal((before.Expected, before.Exempt + 1, 0), (after.Expected, after.Exempt, after.SampledExempt));
        var member = await app.WithDbAsync(db => db.RoundMembers.AsNoTracking().SingleAsync(m => m.RoundId == roundId && m.PersonId == people[0]));
        Assert.Equal((ExemptionKind.Away, "去向：昆明市五华区；务工，11月20日离开"), (member.Exemption, member.ExemptionReason));
        var list = await s.Township.GetFromJsonAsync<ListExemptions.Response>($"/api/testing-rounds/{roundId}/exemptions?node={s.Tree.Grid1.Id}", TestJson.Options);
        Assert.Equal([people[0]], list!.Items.Select(i => i.PersonId));
        Assert.Equal("外出", list.Items[0].KindLabel);

        var lifted = await s.Township.DeleteAsync($"/api/testing-rounds/{roundId}/exemptions/{people[0]}");
        Assert.Equal(HttpStatusCode.NoContent, lifted.StatusCode);
        Assert.Equal((before.Expected, before.Exempt), ((await TallyAsync(roundId, s.Tree.Grid1.Id)).Expected, (await TallyAsync(roundId, s.Tree.Grid1.Id)).Exempt));
        var liftAgain = await s.Township.DeleteAsync($"/api/testing-rounds/{roundId}/exemptions/{people[0]}");
        Assert.Equal(HttpStatusCode.BadRequest, liftAgain.StatusCode);

        var key = $"{roundId},{people[0]}";
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(RoundMember) && a.EntityId == key && a.Action == AuditAction.Modified)
            .OrderBy(a => a.Id).Select(a => new { a.Changes, a.JurisdictionId, a.UserId }).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.Contains("昆明市五华区", audit[0].Changes);
        Assert.Equal((s.Tree.Grid1.Id, s.Tree.Grid1.Id), (audit[0].JurisdictionId!.Value, audit[1].JurisdictionId!.Value));
        Assert.Equal(s.Organiser.Id, audit[1].UserId);
    }

    [Fact]
    public async Task RecordExemption_OtherTownship_NotFound()
    {
        var s = await RoundKit.SetupAsync(app);
        var people = await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, ("孙一", []));
        var roundId = await SiteKit.OpenRoundAsync(s.Township, s.Tree.Township1.Id);
        var other = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.TownshipOfficer, s.Tree.Township2.Id)));

        var response = await other.PostAsJsonAsync($"/api/testing-rounds/{roundId}/exemptions", new { personId = people[0], kind = "死亡", reason = "11月20日病故" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/testing-rounds/{roundId}/exemptions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Grid3.DeleteAsync($"/api/testing-rounds/{roundId}/exemptions/{people[0]}")).StatusCode);
        Assert.Equal(0, (await TallyAsync(roundId, s.Tree.Grid1.Id)).Exempt);
    }

    [Fact]
    public async Task ExemptionPage_PostsForm_RecordsExemption()
    {
        var s = await RoundKit.SetupAsync(app);
        var people = await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, ("周一", []));
        var roundId = await SiteKit.OpenRoundAsync(s.Township, s.Tree.Township1.Id);
        var pages = await app.PageClientAsync(s.Organiser);
        var url = $"/testing-rounds/{roundId}/exemptions?personId={people[0]}";

        var fields = await Forms.GetFormAsync(pages, url, "exemption");
        fields["Input.PersonId"] = people[0].ToString();
        fields["Input.Kind"] = "Hospitalised";
        fields["Input.Reason"] = "县人民医院住院";
        var response = await Forms.PostAsync(pages, url, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("县人民医院住院", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, (await TallyAsync(roundId, s.Tree.Grid1.Id)).Exempt);
    }
}
