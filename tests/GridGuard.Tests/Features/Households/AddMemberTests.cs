using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Demo;
using GridGuard.Features.Households;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static GridGuard.Tests.Features.Households.RegistryArrange;

namespace GridGuard.Tests.Features.Households;

[Collection(AppCollection.Name)]
public sealed class AddMemberTests(AppFactory app)
{
    [Fact]
    public async Task AddMember_ValidResidentId_DerivesSexAndBirthDateAndBecomesHead()
    {
        var g = await TwoGridsAsync(app);
        var household = await HouseholdAsync(g.A, g.Tree.Grid1.Id);
        var number = NewIdNumber(Sex.Male, new DateOnly(1962, 3, 4));

        var id = await MemberAsync(g.A, household, "王建国", number.ToLowerInvariant(), groups: ["ChronicDisease"]);

        var person = await g.A.GetFromJsonAsync<GetPerson.Response>($"/api/persons/{id}", TestJson.Options);
        Assert.Equal(new DateOnly(1962, 3, 4), person!.BirthDate);
        Assert.Equal("Male", person.Sex);
        Assert.Equal(IdNumbers.Mask(number), person.IdNumber);
        Assert.Contains(person.Groups, x => x is { Code: "ChronicDisease", Derived: false });
        Assert.Contains(person.Groups, x => x is { Code: "Elderly60", Derived: true });
        var h = await g.A.GetFromJsonAsync<GetHousehold.Response>($"/api/households/{household}", TestJson.Options);
        Assert.Equal(id, h!.HeadId);
        Assert.Equal("户主", Assert.Single(h.Members).Relation);
    }

    [Fact]
    public async Task AddMember_FifteenDigitNumber_IsStoredAsEighteenDigits()
    {
        var g = await TwoGridsAsync(app);
        var household = await HouseholdAsync(g.A, g.Tree.Grid1.Id);
        var number = NewIdNumber();

        var id = await MemberAsync(g.A, household, "赵敏", FifteenDigits(number));

        var stored = await app.WithDbAsync(db => db.Persons.Where(p => p.Id == id).Select(p => p.IdNumber).SingleAsync());
        Assert.Equal(number, stored);
    }

    public static TheoryData<string, string, string> BadInput()
    {
        var valid = NewIdNumber();
        var wrongCheck = valid[..17] + (valid[17] == '0' ? '1' : '0');
        var future = SyntheticIdNumbers.Make(new Random(7), "460100", new DateOnly(2090, 1, 1), Sex.Female);
        return new()
        {
            { "{\"name\":\"甲\",\"idNumber\":\"" + wrongCheck + "\"}", "IdNumber", "校验位" },
            { "{\"name\":\"甲\",\"idNumber\":\"" + future + "\"}", "IdNumber", "晚于今天" },
            { "{\"name\":\"甲\",\"idNumber\":\"990101199001011234\"}", "IdNumber", "省份" },
            { "{\"name\":\"甲\",\"phone\":\"1381234567\"}", "Phone", "手机号码：" },
            { "{\"name\":\"  \"}", "Name", "姓名：不能为空" },
            { "{\"name\":\"甲\",\"idType\":\"Passport\",\"birthDate\":\"2090-01-01\"}", "BirthDate", "出生日期：" },
            { "{\"name\":\"甲\",\"vulnerableGroups\":[\"Elderly80\"]}", "VulnerableGroups", "由出生日期推算" },
            { "{\"name\":\"甲\",\"residency\":\"Visitor\"}", "Residency", "居住类型：" },
        };
    }

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task AddMember_BadInput_Returns400WithChineseMessageNamingTheField(string body, string field, string message)
    {
        var g = await TwoGridsAsync(app);
        var household = await HouseholdAsync(g.A, g.Tree.Grid1.Id);

        var response = await g.A.PostAsync($"/api/households/{household}/members",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await Problem.ReadAsync(response)).For(field), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Persons.CountAsync(p => p.HouseholdId == household)));
    }

    [Fact]
    public async Task AddMember_IdNumberAlreadyRegistered_Returns409LinkingTheExistingPerson()
    {
        var g = await TwoGridsAsync(app);
        var first = await HouseholdAsync(g.A, g.Tree.Grid1.Id);
        var second = await HouseholdAsync(g.A, g.Tree.Grid1.Id);
        var number = NewIdNumber();
        var existing = await MemberAsync(g.A, first, "孙立", number);

        var response = await PostMemberAsync(g.A, second, new { name = "孙立", idNumber = FifteenDigits(number) });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(existing, problem.ExistingPersonId);
        Assert.Equal($"/persons/{existing}", problem.ExistingPersonUrl);
        Assert.Contains("已登记", problem.For("IdNumber"), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Persons.CountAsync(p => p.IdNumber == number)));
    }

    [Fact]
    public async Task AddMember_IdNumberRegisteredOutsideScope_Returns409WithoutNamingThePerson()
    {
        var g = await TwoGridsAsync(app);
        var theirs = await HouseholdAsync(g.B, g.Tree.Grid3.Id);
        var number = NewIdNumber();
        await MemberAsync(g.B, theirs, "秘密姓名", number);
        var ours = await HouseholdAsync(g.A, g.Tree.Grid1.Id);

        var response = await PostMemberAsync(g.A, ours, new { name = "某人", idNumber = number });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Null(problem.ExistingPersonId);
        Assert.DoesNotContain("秘密姓名", problem.For("IdNumber"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMember_AnotherGridsHousehold_Returns404()
    {
        var g = await TwoGridsAsync(app);
        var theirs = await HouseholdAsync(g.B, g.Tree.Grid3.Id);

        var response = await PostMemberAsync(g.A, theirs, new { name = "闯入者", idNumber = NewIdNumber() });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AddMember_InScopeWithoutEditorRole_Returns403()
    {
        var g = await TwoGridsAsync(app);
        var household = await HouseholdAsync(g.A, g.Tree.Grid1.Id);
        var steward = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Steward, g.Tree.Grid1.Id)));

        var response = await PostMemberAsync(steward, household, new { name = "某人" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("无权", (await Problem.ReadAsync(response)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMemberPage_TenantWithGroups_IsSavedFromTheForm()
    {
        var g = await TwoGridsAsync(app);
        var household = await HouseholdAsync(g.A, g.Tree.Grid1.Id);
        var page = await app.PageClientAsync(g.UserA);
        var number = NewIdNumber(Sex.Female, new DateOnly(1990, 5, 6));
        var url = $"/households/{household}/members/new";

        var response = await RepeatedForms.PostAsync(page, url, "add-member",
            ("Input.Name", "租客小周"), ("Input.IdType", "ResidentIdCard"), ("Input.IdNumber", number),
            ("Input.Phone", "13800001111"), ("Input.Residency", "Tenant"), ("Input.Relation", "租户"),
            ("Input.VulnerableGroups", "Pregnant"), ("Input.VulnerableGroups", "LivingAlone"), ("Input.Workplace", "县医院"));

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var stored = await app.WithDbAsync(db => db.Persons.Include(p => p.VulnerableGroups)
            .SingleAsync(p => p.IdNumber == number));
        Assert.Equal(household, stored.HouseholdId);
        Assert.Equal(Residency.Tenant, stored.Residency);
        Assert.Equal([VulnerableGroup.Pregnant, VulnerableGroup.LivingAlone], stored.VulnerableGroups.Select(x => x.Group).Order());
        Assert.Equal(Sex.Female, stored.Sex);
    }

    [Fact]
    public async Task AddMemberPage_BadChecksumAndDuplicate_ShowChineseMessagesAndLink()
    {
        var g = await TwoGridsAsync(app);
        var household = await HouseholdAsync(g.A, g.Tree.Grid1.Id);
        var number = NewIdNumber();
        var existing = await MemberAsync(g.A, household, "钱多多", number);
        var page = await app.PageClientAsync(g.UserA);
        var url = $"/households/{household}/members/new";

        var bad = await RepeatedForms.PostAsync(page, url, "add-member",
            ("Input.Name", ""), ("Input.IdType", "ResidentIdCard"), ("Input.IdNumber", number[..17] + (number[17] == '0' ? '1' : '0')));
        var duplicate = await RepeatedForms.PostAsync(page, url, "add-member",
            ("Input.Name", "钱多多"), ("Input.IdType", "ResidentIdCard"), ("Input.IdNumber", number));

        var badHtml = await bad.TextAsync();
        Assert.Contains("姓名：不能为空", badHtml, StringComparison.Ordinal);
        Assert.Contains("校验位不正确", badHtml, StringComparison.Ordinal);
        var duplicateHtml = await duplicate.TextAsync();
        Assert.Contains("已登记为", duplicateHtml, StringComparison.Ordinal);
        Assert.Contains($"href=\"/persons/{existing}\"", duplicateHtml, StringComparison.Ordinal);
    }
}
