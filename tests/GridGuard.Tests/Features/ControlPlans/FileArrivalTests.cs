using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.ControlPlans;
using GridGuard.Features.ControlPlans.Arrivals;
using GridGuard.Features.Households;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Canvassing;
using GridGuard.Tests.Features.Canvassing.Tips;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.ControlPlans;

[Collection(AppCollection.Name)]
public sealed class FileArrivalTests(AppFactory app)
{
    private TipsHost Host => ArrivalKit.Host(app);

    [Fact]
    public async Task FileArrival_AnonymousUnknownPerson_ReportStoredAndPersonCreatedAtTheVillageWithoutHousehold()
    {
        var tree = await TestTree.CreateAsync(app);
        var today = ArrivalKit.Today(Host);
        var birth = new DateOnly(1990, 5, 17);
        var idNumber = Registry.NewIdNumber(birth);
        var body = ArrivalKit.Body(tree.Village1.Id, idNumber.ToLowerInvariant(), today.AddDays(-2), today.AddDays(-1), phone: "138 0013 8001");
        body["testDate"] = ArrivalKit.Day(today.AddDays(-3));
        body["testResult"] = "阴性";

        var response = await Host.Anonymous(TipsHost.NewIp()).PostAsJsonAsync("/api/arrivals", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<FileArrival.Receipt>(TestJson.Options);
        var report = (await ArrivalKit.ReportAsync(app, receipt!.Id))!;
        Assert.Equal(GridGuard.Features.Canvassing.Tips.TipReference.Of(report.Id), receipt.Reference);
        Assert.Equal(("李返乡", IdType.ResidentIdCard, idNumber, "13800138001", tree.Village1.Id, ArrivalStatus.New),
            (report.Name, report.IdType, report.IdNumber, report.Phone, report.JurisdictionId, report.Status));
        Assert.Equal((today.AddDays(-2), today.AddDays(-1), today.AddDays(-3), (bool?)true, (Guid?)null),
            (report.DepartedOn, report.ArrivedOn, report.TestDate, report.TestNegative, report.FiledById));
        Assert.Matches("^[0-9a-f]{64}$", report.SenderHash);
        var stay = Assert.Single(report.Stays);
        Assert.Equal(("110105", today.AddDays(-15), today.AddDays(-2)), (stay.PlaceCode, stay.From, stay.To));
        var person = Assert.Single(await ArrivalKit.PersonsOfAsync(app, idNumber));
        Assert.Equal(person.Id, report.PersonId);
        Assert.Equal(("李返乡", tree.Village1.Id, (Guid?)null, Residency.Floating, (DateOnly?)birth, (Sex?)((idNumber[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female), "13800138001"),
            (person.Name, person.JurisdictionId, person.HouseholdId, person.Residency, person.BirthDate, person.Sex, person.Phone));
        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityId == report.Id.ToString() || a.EntityId == person.Id.ToString()).Select(a => a.Entity).ToListAsync());
        Assert.Contains(nameof(ArrivalReport), audited);
        Assert.Contains(nameof(Person), audited);
    }

    [Fact]
    public async Task FileArrival_KnownIdNumber_MatchedToTheExistingPersonAndNoneCreated()
    {
        var tree = await TestTree.CreateAsync(app);
        var today = ArrivalKit.Today(Host);
        var household = await Registry.HouseholdAsync(app, tree.Grid1);
        var existing = (await Registry.PersonAsync(app, tree.Grid1, household, "王在册")).Id;
        var idNumber = (await app.WithDbAsync(db => db.Persons.AsNoTracking().Where(p => p.Id == existing).Select(p => p.IdNumber).FirstAsync()))!;

        var id = await ArrivalKit.FileAsync(app, ArrivalKit.Body(tree.Village1.Id, idNumber, today.AddDays(-1), today, name: "王在册"));

        Assert.Equal(existing, (await ArrivalKit.ReportAsync(app, id))!.PersonId);
        var person = Assert.Single(await ArrivalKit.PersonsOfAsync(app, idNumber));
        Assert.Equal((tree.Grid1.Id, (Guid?)household), (person.JurisdictionId, person.HouseholdId));
    }

    [Fact]
    public async Task FileArrival_KnownPersonWithAHouseholdInTheVillage_ReportGoesToTheHouseholdGridWhoseWorkerSeesIt()
    {
        var tree = await TestTree.CreateAsync(app);
        var today = ArrivalKit.Today(Host);
        var household = await Registry.HouseholdAsync(app, tree.Grid1);
        var existing = await Registry.PersonAsync(app, tree.Grid1, household, "李在册");
        var worker = await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id));

        var id = await ArrivalKit.FileAsync(app, ArrivalKit.Body(tree.Village1.Id, existing.IdNumber!, today.AddDays(-1), today, name: "李在册"));

        Assert.Equal(tree.Grid1.Id, (await ArrivalKit.ReportAsync(app, id))!.JurisdictionId);
        var client = await app.ApiClientAsync(worker);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/arrivals/{id}")).StatusCode);
    }

    [Fact]
    public async Task FileArrival_KnownPersonWithAHouseholdInAnotherVillage_ReportStaysAtTheChosenVillage()
    {
        var tree = await TestTree.CreateAsync(app);
        var today = ArrivalKit.Today(Host);
        var household = await Registry.HouseholdAsync(app, tree.Grid3);
        var existing = await Registry.PersonAsync(app, tree.Grid3, household, "赵外村");

        var id = await ArrivalKit.FileAsync(app, ArrivalKit.Body(tree.Village1.Id, existing.IdNumber!, today.AddDays(-1), today, name: "赵外村"));

        Assert.Equal(tree.Village1.Id, (await ArrivalKit.ReportAsync(app, id))!.JurisdictionId);
    }

    [Fact]
    public async Task FileArrival_BadInput_ValidationProblemNamingTheFieldInChineseAndNothingStored()
    {
        var tree = await TestTree.CreateAsync(app);
        var today = ArrivalKit.Today(Host);
        var idNumber = Registry.NewIdNumber();
        var client = Host.Anonymous(TipsHost.NewIp());

        async Task<IDictionary<string, string[]>> ErrorsAsync(Action<Dictionary<string, object?>> change)
        {
            var body = ArrivalKit.Body(tree.Village1.Id, idNumber, today.AddDays(-3), today.AddDays(-1));
            change(body);
            var response = await client.PostAsJsonAsync("/api/arrivals", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(TestJson.Options))!.Errors;
            return new Dictionary<string, string[]>(errors, StringComparer.OrdinalIgnoreCase);
        }

        var future = await ErrorsAsync(b => b["arrivedOn"] = ArrivalKit.Day(today.AddDays(1)));
        var beforeDeparture = await ErrorsAsync(b => b["departedOn"] = ArrivalKit.Day(today));
        var badStay = await ErrorsAsync(b => b["stays"] = new[] { ArrivalKit.Stay("110105", today.AddDays(-3), today.AddDays(-5)) });
        var checksum = await ErrorsAsync(b => b["idNumber"] = idNumber[..17] + (idNumber[17] == '0' ? '1' : '0'));
        var phone = await ErrorsAsync(b => b["phone"] = "1381234");
        var noPhone = await ErrorsAsync(b => b["phone"] = "");
        var noStays = await ErrorsAsync(b => { b["stays"] = Array.Empty<object>(); b["fromPlaceCode"] = null; });

        Assert.Equal([$"抵达日期：不能晚于今天（{ArrivalKit.Day(today)}），请抵达后再报备"], future["ArrivedOn"]);
        Assert.Equal(["抵达日期：不能早于出发日期"], beforeDeparture["ArrivedOn"]);
        Assert.Equal(["旅居史第 1 行结束日期：不能早于开始日期"], badStay["Stays[0].To"]);
        Assert.Equal(["身份证号码：校验位不正确，请核对号码"], checksum["IdNumber"]);
        Assert.StartsWith("手机号码：应为 11 位手机号码", Assert.Single(phone["Phone"]), StringComparison.Ordinal);
        Assert.Equal(["手机号码：不能为空"], noPhone["Phone"]);
        Assert.Equal(["旅居史：请至少填写出发地的行政区划代码，或添加一条停留记录"], noStays["Stays"]);
        Assert.Empty(await ArrivalKit.ReportsOfAsync(app, idNumber));
        Assert.Empty(await ArrivalKit.PersonsOfAsync(app, idNumber));
    }

    [Fact]
    public async Task FileArrival_Honeypot_AcceptedButNotStored()
    {
        var tree = await TestTree.CreateAsync(app);
        var today = ArrivalKit.Today(Host);
        var idNumber = Registry.NewIdNumber();
        var body = ArrivalKit.Body(tree.Village1.Id, idNumber, today.AddDays(-1), today);
        body["website"] = "http://spam.example";

        var response = await Host.Anonymous(TipsHost.NewIp()).PostAsJsonAsync("/api/arrivals", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Empty(await ArrivalKit.ReportsOfAsync(app, idNumber));
    }

    [Fact]
    public async Task FileArrival_OverTheIpLimit_429WithRetryAfter()
    {
        var tree = await TestTree.CreateAsync(app);
        var today = ArrivalKit.Today(Host);
        var client = Host.Anonymous(TipsHost.NewIp());
        for (var i = 0; i < 10; i++)
        {
            var ok = await client.PostAsJsonAsync("/api/arrivals", ArrivalKit.Body(tree.Village1.Id, Registry.NewIdNumber(), today.AddDays(-1), today));
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        }

        var refused = await client.PostAsJsonAsync("/api/arrivals", ArrivalKit.Body(tree.Village1.Id, Registry.NewIdNumber(), today.AddDays(-1), today));

        Assert.Equal((HttpStatusCode)StatusCodes.Status429TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task FileArrival_GridWorkerForAPerson_FiledByThemAtTheirGridAndOnlyInsideTheirScope()
    {
        var tree = await TestTree.CreateAsync(app);
        var today = ArrivalKit.Today(Host);
        var worker = await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id));
        var client = await Host.ApiClientAsync(worker);
        var idNumber = Registry.NewIdNumber();

        var filed = await client.PostAsJsonAsync("/api/arrivals", ArrivalKit.Body(tree.Grid1.Id, idNumber, today.AddDays(-1), today));
        var outside = await client.PostAsJsonAsync("/api/arrivals", ArrivalKit.Body(tree.Grid3.Id, Registry.NewIdNumber(), today.AddDays(-1), today));

        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var report = Assert.Single(await ArrivalKit.ReportsOfAsync(app, idNumber));
        Assert.Equal((worker.Id, tree.Grid1.Id, (string?)null), (report.FiledById!.Value, report.JurisdictionId, report.SenderHash));
        Assert.Equal(tree.Grid1.Id, Assert.Single(await ArrivalKit.PersonsOfAsync(app, idNumber)).JurisdictionId);
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
    }
}
