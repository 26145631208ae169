using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Canvassing;
using GridGuard.Features.Canvassing.Coverage;
using GridGuard.Features.Canvassing.Visits;
using GridGuard.Features.Households;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Canvassing;

[Collection(AppCollection.Name)]
public sealed class RecordVisitTests(AppFactory app)
{
    [Fact]
    public async Task RecordVisit_MemberAt37_5_FlaggedFeverAndShownOnVillageCoverage()
    {
        var tree = await TestTree.CreateAsync(app);
        var today = Registry.Today(app);
        var officer = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var officerClient = await app.ApiClientAsync(officer);
        var created = await officerClient.PostAsJsonAsync("/api/canvassing/canvasses",
            new { name = "春节返乡排查", jurisdictionId = tree.Village1.Id, startsOn = today.AddDays(-3), endsOn = today.AddDays(10) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var canvass = await created.Content.ReadFromJsonAsync<CreateCanvass.CanvassDto>(TestJson.Options);
        var household = await Registry.HouseholdAsync(app, tree.Grid1);
        var hot = await Registry.PersonAsync(app, tree.Grid1, household, "张发热");
        var well = await Registry.PersonAsync(app, tree.Grid1, household, "李正常");
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));

        var response = await client.PostAsJsonAsync("/api/canvassing/visits", new
        {
            householdId = household,
            members = new object[]
            {
                new { personId = hot.Id, presence = "Present", temperature = 37.5 },
                new { personId = well.Id, presence = "Present", temperature = 36.5 },
            },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<VisitResult>(TestJson.Options);
        Assert.Equal(canvass!.Id, result!.CanvassId);
        var flag = Assert.Single(await app.WithDbAsync(db =>
            db.KeyPersonFlags.Where(f => f.PersonId == hot.Id || f.PersonId == well.Id).ToListAsync()));
        Assert.Equal((hot.Id, KeyPersonCategory.Fever, FlagSource.Visit, result.VisitId, FlagStatus.Open),
            (flag.PersonId, flag.Category, flag.Source, flag.SourceId!.Value, flag.Status));
        Assert.Equal(tree.Grid1.Id, flag.JurisdictionId);

        var coverage = await officerClient.GetFromJsonAsync<GetCoverage.Response>($"/api/canvassing/coverage/{tree.Village1.Id}", TestJson.Options);
        Assert.Equal(1, coverage!.Node.Metrics.KeyPersonsByCategory["Fever"]);
        Assert.Equal(0, coverage.Node.Metrics.HouseholdsUnvisited);
        var list = await officerClient.GetFromJsonAsync<GetCoverageList.Response>(
            $"/api/canvassing/coverage/{tree.Village1.Id}/list?kind=keypersons&category=Fever", TestJson.Options);
        var row = Assert.Single(list!.Persons!.Items);
        Assert.Equal((hot.Id, IdNumbers.Mask(hot.IdNumber)), (row.Id, row.IdNumberMasked));

        var pages = await app.PageClientAsync(officer);
        var page = WebUtility.HtmlDecode(await pages.GetStringAsync($"/coverage/{tree.Village1.Id}"));
        Assert.Contains($"href=\"/coverage/{tree.Village1.Id}/list?kind=keypersons&category=Fever\" data-testid=\"metric-keypersons-Fever\">1<", page,
            StringComparison.Ordinal);
        var listPage = WebUtility.HtmlDecode(await pages.GetStringAsync($"/coverage/{tree.Village1.Id}/list?kind=keypersons&category=Fever"));
        Assert.Contains("张发热", listPage, StringComparison.Ordinal);
        Assert.Contains(IdNumbers.Mask(hot.IdNumber), listPage, StringComparison.Ordinal);
        Assert.DoesNotContain(hot.IdNumber!, listPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordVisit_BadInput_ChineseErrorsNamingFieldsAndNothingWritten()
    {
        var tree = await TestTree.CreateAsync(app);
        var today = Registry.Today(app);
        var household = await Registry.HouseholdAsync(app, tree.Grid1);
        var member = await Registry.PersonAsync(app, tree.Grid1, household, "陈成员");
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));

        var response = await client.PostAsJsonAsync("/api/canvassing/visits", new
        {
            householdId = household,
            members = new object[]
            {
                new
                {
                    personId = member.Id,
                    presence = "Present",
                    temperature = 50.0,
                    travel = new object[]
                    {
                        new { placeName = "昆明市", from = today.AddDays(-3), to = today.AddDays(-5) },
                        new { placeName = "玉溪市", from = today.AddDays(-1), to = today.AddDays(2) },
                    },
                },
            },
            newPersons = new object[] { new { name = "王新人", idType = "ResidentIdCard", idNumber = "530427199001011234", temperature = 36.5 } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(TestJson.Options);
        var messages = problem!.Errors.SelectMany(e => e.Value).ToList();
        Assert.Contains("成员 1 体温：应在 34.0–43.0 之间", messages);
        Assert.Contains("成员 1 旅居 1 结束日期：不能早于开始日期", messages);
        Assert.Contains($"成员 1 旅居 2 结束日期：{today.AddDays(2):yyyy-MM-dd} 晚于今天", messages);
        Assert.Contains("新增人员 1 身份证号码：校验位不正确，请核对号码", messages);
        Assert.Equal(["成员 1 体温：应在 34.0–43.0 之间"], problem.Errors["members[0].temperature"]);
        Assert.False(await app.WithDbAsync(db => db.HouseholdVisits.AnyAsync(v => v.HouseholdId == household)));
        Assert.False(await app.WithDbAsync(db => db.Persons.AnyAsync(p => p.HouseholdId == household && p.Name == "王新人")));
        Assert.False(await app.WithDbAsync(db => db.KeyPersonFlags.AnyAsync(f => f.PersonId == member.Id)));
    }

    [Fact]
    public async Task RecordVisit_MissingMemberOrAwayWithoutPlace_ChineseErrors()
    {
        var tree = await TestTree.CreateAsync(app);
        var household = await Registry.HouseholdAsync(app, tree.Grid1);
        var away = await Registry.PersonAsync(app, tree.Grid1, household, "周外出");
        await Registry.PersonAsync(app, tree.Grid1, household, "吴漏登");
        var stranger = await Registry.PersonAsync(app, tree.Grid1, null, "郑外人");
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));

        var response = await client.PostAsJsonAsync("/api/canvassing/visits", new
        {
            householdId = household,
            members = new object[] { new { personId = away.Id, presence = "外出" }, new { personId = stranger.Id, presence = "在家", temperature = 36.5 } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var messages = (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(TestJson.Options))!.Errors.SelectMany(e => e.Value).ToList();
        Assert.Contains("成员 1 去向：外出成员应填写去向", messages);
        Assert.Contains("成员 2：不是本户的在册成员", messages);
        Assert.Contains("成员：缺少“吴漏登”的记录，每位在册成员都应登记在家情况", messages);
    }

    [Fact]
    public async Task RecordVisit_NewPerson_AddedToRegistryAndLinkedNotDuplicatedOnSecondVisit()
    {
        var tree = await TestTree.CreateAsync(app);
        var today = Registry.Today(app);
        var first = await Registry.HouseholdAsync(app, tree.Grid1, "和平路 2 号");
        var second = await Registry.HouseholdAsync(app, tree.Grid1, "和平路 3 号");
        var m1 = await Registry.PersonAsync(app, tree.Grid1, first, "孙户主");
        var m2 = await Registry.PersonAsync(app, tree.Grid1, second, "钱户主");
        var number = Registry.NewIdNumber(new DateOnly(1990, 5, 17));
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));
        object NewPerson() => new
        {
            name = "冯租户",
            idType = "ResidentIdCard",
            idNumber = number.ToLowerInvariant(),
            phone = "13800138000",
            relation = "租户",
            residency = "Tenant",
            temperature = 36.4,
        };

        var added = await client.PostAsJsonAsync("/api/canvassing/visits", new
        {
            householdId = first,
            members = new object[] { new { personId = m1.Id, presence = "Present", temperature = 36.6 } },
            newPersons = new[] { NewPerson() },
        });
        var linked = await client.PostAsJsonAsync("/api/canvassing/visits", new
        {
            householdId = second,
            members = new object[] { new { personId = m2.Id, presence = "Present", temperature = 36.6 } },
            newPersons = new[] { NewPerson() },
        });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Created, linked.StatusCode);
        var addedPerson = Assert.Single((await added.Content.ReadFromJsonAsync<VisitResult>(TestJson.Options))!.NewPersons);
        var linkedPerson = Assert.Single((await linked.Content.ReadFromJsonAsync<VisitResult>(TestJson.Options))!.NewPersons);
        Assert.False(addedPerson.Linked);
        Assert.True(linkedPerson.Linked);
        Assert.Equal(addedPerson.PersonId, linkedPerson.PersonId);
        var upper = number.ToUpperInvariant();
        var person = Assert.Single(await app.WithDbAsync(db => db.Persons.Where(p => p.IdNumber == upper).ToListAsync()));
        Assert.Equal((second, tree.Grid1.Id, Residency.Tenant, new DateOnly(1990, 5, 17), "13800138000"),
            (person.HouseholdId!.Value, person.JurisdictionId, person.Residency, person.BirthDate!.Value, person.Phone!));
        var memberships = await app.WithDbAsync(db => db.HouseholdMemberships.Where(m => m.PersonId == person.Id).OrderBy(m => m.HouseholdId == second).ToListAsync());
        Assert.Equal([(first, (DateOnly?)today), (second, null)], memberships.Select(m => (m.HouseholdId, m.To)).ToList());
    }

    [Fact]
    public async Task RecordVisit_NewPersonAlreadyAMember_CountsAsThatMember()
    {
        var tree = await TestTree.CreateAsync(app);
        var household = await Registry.HouseholdAsync(app, tree.Grid1);
        var member = await Registry.PersonAsync(app, tree.Grid1, household, "褚成员");
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));

        var response = await client.PostAsJsonAsync("/api/canvassing/visits", new
        {
            householdId = household,
            newPersons = new object[] { new { name = "褚成员", idType = "ResidentIdCard", idNumber = member.IdNumber, temperature = 36.8 } },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Persons.CountAsync(p => p.IdNumber == member.IdNumber)));
        Assert.Equal(1, await app.WithDbAsync(db => db.HouseholdMemberships.CountAsync(m => m.PersonId == member.Id)));
    }

    [Fact]
    public async Task RecordVisit_MemberMovedOut_StatusChangedMembershipEndedAndAudited()
    {
        var tree = await TestTree.CreateAsync(app);
        var today = Registry.Today(app);
        var household = await Registry.HouseholdAsync(app, tree.Grid1);
        var leaving = await Registry.PersonAsync(app, tree.Grid1, household, "卫迁出");
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));

        var response = await client.PostAsJsonAsync("/api/canvassing/visits", new
        {
            householdId = household,
            members = new object[] { new { personId = leaving.Id, presence = "MovedOut" } },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var person = await app.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == leaving.Id));
        Assert.Equal((PersonStatus.MovedOut, (Guid?)null), (person.Status, person.HouseholdId));
        var membership = await app.WithDbAsync(db => db.HouseholdMemberships.SingleAsync(m => m.PersonId == leaving.Id));
        Assert.Equal(today, membership.To);
        var audit = await app.WithDbAsync(db => db.AuditEntries
            .Where(a => a.Entity == nameof(Person) && a.EntityId == leaving.Id.ToString() && a.Action == AuditAction.Modified)
            .ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Contains("\"Status\":[\"Active\",\"MovedOut\"]", entry.Changes, StringComparison.Ordinal);
        Assert.Equal(tree.Grid1.Id, entry.JurisdictionId);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a =>
            a.Entity == nameof(HouseholdMembership) && a.EntityId == membership.Id.ToString() && a.JurisdictionId == tree.Grid1.Id)));
    }

    [Fact]
    public async Task RecordVisit_GridManagerOfAnotherGrid_Returns404()
    {
        var tree = await TestTree.CreateAsync(app);
        var household = await Registry.HouseholdAsync(app, tree.Grid3);
        var member = await Registry.PersonAsync(app, tree.Grid3, household, "蒋他格");
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));

        var response = await client.PostAsJsonAsync("/api/canvassing/visits", new
        {
            householdId = household,
            members = new object[] { new { personId = member.Id, presence = "Present", temperature = 36.5 } },
        });
        var form = await client.GetAsync($"/api/canvassing/households/{household}/visit-form");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, form.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.HouseholdVisits.AnyAsync(v => v.HouseholdId == household)));
    }

    [Fact]
    public async Task RecordVisit_InScopeButNotAVisitorRole_Returns403()
    {
        var tree = await TestTree.CreateAsync(app);
        var household = await Registry.HouseholdAsync(app, tree.Grid1);
        var member = await Registry.PersonAsync(app, tree.Grid1, household, "沈居民");
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridSupervisor, tree.Grid1.Id)));

        var response = await client.PostAsJsonAsync("/api/canvassing/visits", new
        {
            householdId = household,
            members = new object[] { new { personId = member.Id, presence = "Present", temperature = 36.5 } },
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
