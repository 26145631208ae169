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
public sealed class MovePersonTests(AppFactory app)
{
    [Fact]
    public async Task MovePerson_ToAHouseholdInAnotherGrid_KeepsHistoryAndIsAudited()
    {
        var tree = await TestTree.CreateAsync(app);
        var urbanGrid = tree.Nodes[tree.CountyCode + "100001001001001"];
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id)));
        var from = await HouseholdAsync(client, tree.Grid1.Id);
        var to = await HouseholdAsync(client, urbanGrid.Id);
        await MemberAsync(client, to, "新户主");
        var person = await MemberAsync(client, from, "钱进", groups: ["EmptyNest"]);

        var response = await client.PostAsJsonAsync($"/api/persons/{person}/move", new { householdId = to, relation = "父母" });
        var groups = await client.PatchAsJsonAsync($"/api/persons/{person}", new { vulnerableGroups = new[] { "LivingAlone" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, groups.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<GetPerson.Response>(TestJson.Options))!;
        Assert.Equal(to, body.HouseholdId);
        Assert.Equal(urbanGrid.Id, body.JurisdictionId);
        Assert.Equal(2, body.History.Count);
        Assert.Equal(to, body.History[0].HouseholdId);
        Assert.Null(body.History[0].To);
        Assert.Equal("父母", body.History[0].Relation);
        Assert.Equal(from, body.History[1].HouseholdId);
        Assert.Equal(body.History[0].From, body.History[1].To);
        var oldHousehold = await client.GetFromJsonAsync<GetHousehold.Response>($"/api/households/{from}", TestJson.Options);
        Assert.Null(oldHousehold!.HeadId);
        Assert.Empty(oldHousehold.Members);

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityId.StartsWith(person.ToString()) || a.Changes.Contains(person.ToString())).ToListAsync());
        Assert.Contains(audit, a => a is { Entity: "Person", Action: AuditAction.Modified }
            && a.Changes.Contains($"\"HouseholdId\":[\"{from}\",\"{to}\"]", StringComparison.Ordinal)
            && a.JurisdictionId == urbanGrid.Id);
        Assert.Contains(audit, a => a is { Entity: "HouseholdMembership", Action: AuditAction.Added }
            && a.Changes.Contains(to.ToString(), StringComparison.Ordinal) && a.JurisdictionId == urbanGrid.Id);
        Assert.Contains(audit, a => a is { Entity: "PersonVulnerableGroup", Action: AuditAction.Deleted }
            && a.EntityId.EndsWith(",EmptyNest", StringComparison.Ordinal) && a.JurisdictionId == urbanGrid.Id);
        Assert.Contains(audit, a => a is { Entity: "PersonVulnerableGroup", Action: AuditAction.Added }
            && a.EntityId.EndsWith(",LivingAlone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MovePerson_TargetOutsideScope_Returns400AndChangesNothing()
    {
        var g = await TwoGridsAsync(app);
        var ours = await HouseholdAsync(g.A, g.Tree.Grid1.Id);
        var theirs = await HouseholdAsync(g.B, g.Tree.Grid3.Id);
        var person = await MemberAsync(g.A, ours, "不动");

        var response = await g.A.PostAsJsonAsync($"/api/persons/{person}/move", new { householdId = theirs });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("目标户：", (await Problem.ReadAsync(response)).For("HouseholdId"), StringComparison.Ordinal);
        Assert.Equal(ours, await app.WithDbAsync(db => db.Persons.Where(p => p.Id == person).Select(p => p.HouseholdId).SingleAsync()));
    }

    [Fact]
    public async Task MovePerson_PersonOutsideScope_Returns404()
    {
        var g = await TwoGridsAsync(app);
        var ours = await HouseholdAsync(g.A, g.Tree.Grid1.Id);
        var theirs = await HouseholdAsync(g.B, g.Tree.Grid3.Id);
        var person = await MemberAsync(g.B, theirs, "别人");

        var response = await g.A.PostAsJsonAsync($"/api/persons/{person}/move", new { householdId = ours });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task MovePersonPage_ChoosingATarget_MovesThePerson()
    {
        var g = await TwoGridsAsync(app);
        var street = "迁移路" + Guid.NewGuid().ToString("N")[..6];
        var from = await HouseholdAsync(g.A, g.Tree.Grid1.Id, street + "1号");
        var to = await HouseholdAsync(g.A, g.Tree.Grid1.Id, street + "2号");
        var person = await MemberAsync(g.A, from, "搬家人");
        var page = await app.PageClientAsync(g.UserA);
        var url = $"/persons/{person}/move?q={Uri.EscapeDataString(street)}";

        var search = await page.GetTextAsync(url);
        var form = await Forms.GetFormAsync(page, url, "move-person");
        form["Input.HouseholdId"] = to.ToString();
        form["Input.Relation"] = "";
        var response = await Forms.PostAsync(page, url, form);

        Assert.Contains($"value=\"{to}\"", search, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{from}\"", search, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(to, await app.WithDbAsync(db => db.Persons.Where(p => p.Id == person).Select(p => p.HouseholdId).SingleAsync()));
    }
}
