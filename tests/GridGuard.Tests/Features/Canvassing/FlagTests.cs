using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Canvassing;
using GridGuard.Features.Canvassing.Visits;
using GridGuard.Features.Policies;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Canvassing;

[Collection(AppCollection.Name)]
public sealed class FlagTests(AppFactory app)
{
    [Fact]
    public async Task FlagKeyPerson_ReturneeFromHighArea_CreatedOnceAndListedByCategory()
    {
        var tree = await TestTree.CreateAsync(app);
        var person = await Registry.PersonAsync(app, tree.Grid1, await Registry.HouseholdAsync(app, tree.Grid1), "曹返乡");
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));
        var request = new { personId = person.Id, category = "Returnee", riskLevel = "High", note = "自北京返乡" };

        var first = await client.PostAsJsonAsync("/api/canvassing/flags", request);
        var again = await client.PostAsJsonAsync("/api/canvassing/flags", request);
        var list = await client.GetFromJsonAsync<Paged<ListFlags.Row>>($"/api/canvassing/flags?jurisdictionId={tree.Grid1.Id}&category=Returnee&status=Open", TestJson.Options);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var row = Assert.Single(list!.Items);
        Assert.Equal((person.Id, "Returnee", "High", "Manual"), (row.PersonId, row.Category, row.RiskLevel, row.Source));
        Assert.Equal((await first.Content.ReadFromJsonAsync<ListFlags.Row>(TestJson.Options))!.Id, (await again.Content.ReadFromJsonAsync<ListFlags.Row>(TestJson.Options))!.Id);
    }

    [Fact]
    public async Task FlagKeyPerson_RiskLevelForCloseContact_ChineseError()
    {
        var tree = await TestTree.CreateAsync(app);
        var person = await Registry.PersonAsync(app, tree.Grid1, null, "严密接");
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));

        var response = await client.PostAsJsonAsync("/api/canvassing/flags", new { personId = person.Id, category = "CloseContact", riskLevel = "High" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(TestJson.Options);
        Assert.Equal(["风险等级：只有返乡人员需要填写风险等级"], problem!.Errors["riskLevel"]);
    }

    [Fact]
    public async Task FlagKeyPerson_PersonOfAnotherGrid_Returns404AndNotListed()
    {
        var tree = await TestTree.CreateAsync(app);
        var other = await Registry.PersonAsync(app, tree.Grid3, null, "华他处");
        var officer = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township2.Id)));
        Assert.Equal(HttpStatusCode.Created,
            (await officer.PostAsJsonAsync("/api/canvassing/flags", new { personId = other.Id, category = "CloseContact" })).StatusCode);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));

        var response = await client.PostAsJsonAsync("/api/canvassing/flags", new { personId = other.Id, category = "Fever" });
        var mine = await client.GetFromJsonAsync<Paged<ListFlags.Row>>("/api/canvassing/flags", TestJson.Options);
        var theirs = await client.GetAsync($"/api/canvassing/flags?jurisdictionId={tree.Grid3.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(mine!.Items, f => f.PersonId == other.Id);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
    }

    [Fact]
    public async Task RecordVisit_VisitorFlagsReturnee_FlagFromVisitWithRiskLevel()
    {
        var tree = await TestTree.CreateAsync(app);
        var household = await Registry.HouseholdAsync(app, tree.Grid1);
        var person = await Registry.PersonAsync(app, tree.Grid1, household, "魏返乡");
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id)));

        var response = await client.PostAsJsonAsync("/api/canvassing/visits", new
        {
            householdId = household,
            members = new object[]
            {
                new { personId = person.Id, presence = "Present", temperature = 36.6, flag = new { category = "返乡人员", riskLevel = "Medium" } },
            },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<VisitResult>(TestJson.Options);
        var flag = await app.WithDbAsync(db => db.KeyPersonFlags.SingleAsync(f => f.PersonId == person.Id));
        Assert.Equal((KeyPersonCategory.Returnee, (RiskLevel?)RiskLevel.Medium, FlagSource.Visit, (Guid?)result!.VisitId),
            (flag.Category, flag.RiskLevel, flag.Source, flag.SourceId));
    }
}
