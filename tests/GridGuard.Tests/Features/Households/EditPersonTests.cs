using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Households;
using GridGuard.Platform.Audit;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static GridGuard.Tests.Features.Households.RegistryArrange;

namespace GridGuard.Tests.Features.Households;

[Collection(AppCollection.Name)]
public sealed class EditPersonTests(AppFactory app)
{
    [Fact]
    public async Task EditPerson_GroupsAndStatus_AreSavedAndAuditedUnderThePersonsNode()
    {
        var g = await TwoGridsAsync(app);
        var household = await HouseholdAsync(g.A, g.Tree.Grid1.Id);
        var person = await MemberAsync(g.A, household, "吴刚", groups: ["Disabled"]);

        var response = await g.A.PatchAsJsonAsync($"/api/persons/{person}", new
        {
            vulnerableGroups = new[] { "ChronicDisease", "慢性病患者" },
            status = "MovedOut",
            phone = "13912345678",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<GetPerson.Response>(TestJson.Options))!;
        Assert.Equal(["ChronicDisease"], body.Groups.Where(x => !x.Derived).Select(x => x.Code));
        Assert.Equal("MovedOut", body.Status);
        Assert.Equal("吴刚", body.Name);
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityId.StartsWith(person.ToString())).ToListAsync());
        Assert.Contains(audit, a => a is { Entity: "PersonVulnerableGroup", Action: AuditAction.Added }
            && a.EntityId.EndsWith(",ChronicDisease", StringComparison.Ordinal) && a.JurisdictionId == g.Tree.Grid1.Id);
        Assert.Contains(audit, a => a is { Entity: "PersonVulnerableGroup", Action: AuditAction.Deleted }
            && a.EntityId.EndsWith(",Disabled", StringComparison.Ordinal) && a.JurisdictionId == g.Tree.Grid1.Id);
        Assert.Contains(audit, a => a is { Entity: "Person", Action: AuditAction.Modified }
            && a.Changes.Contains("\"Status\":[\"Active\",\"MovedOut\"]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EditPerson_BadPhoneAndEmptyName_Returns400AndChangesNothing()
    {
        var g = await TwoGridsAsync(app);
        var household = await HouseholdAsync(g.A, g.Tree.Grid1.Id);
        var person = await MemberAsync(g.A, household, "郑和");

        var response = await g.A.PatchAsJsonAsync($"/api/persons/{person}", new { name = "", phone = "0871-1234567" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("姓名：不能为空", problem.For("Name"));
        Assert.StartsWith("手机号码：", problem.For("Phone"), StringComparison.Ordinal);
        Assert.Equal("郑和", await app.WithDbAsync(db => db.Persons.Where(p => p.Id == person).Select(p => p.Name).SingleAsync()));
    }

    [Fact]
    public async Task EditPersonPage_UntickingAllGroups_ClearsThem()
    {
        var g = await TwoGridsAsync(app);
        var household = await HouseholdAsync(g.A, g.Tree.Grid1.Id);
        var person = await MemberAsync(g.A, household, "冯唐", groups: ["Dialysis", "SemiDependent"]);
        var page = await app.PageClientAsync(g.UserA);
        var url = $"/persons/{person}/edit";

        var response = await RepeatedForms.PostAsync(page, url, "edit-person",
            ("Input.Name", "冯唐（改）"), ("Input.Phone", ""), ("Input.Residency", "Floating"),
            ("Input.Workplace", "某厂"), ("Input.Status", "Active"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.WithDbAsync(db => db.Persons.Include(p => p.VulnerableGroups).SingleAsync(p => p.Id == person));
        Assert.Equal("冯唐（改）", stored.Name);
        Assert.Equal(Residency.Floating, stored.Residency);
        Assert.Equal("某厂", stored.Workplace);
        Assert.Empty(stored.VulnerableGroups);
    }
}
