using System.Globalization;
using System.Text.RegularExpressions;
using GridGuard.BrowserTests.Infrastructure;
using GridGuard.BrowserTests.Pages;
using GridGuard.Features.Canvassing;
using GridGuard.Features.Demo;
using GridGuard.Features.Households;
using GridGuard.Features.Policies;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridGuard.BrowserTests.Features.ControlPlans;

/// <summary>
/// Issue 4's journeys on a phone: a resident of a grid's household files an arrival report from a medium-risk city;
/// the report reaches the grid, whose grid worker computes the plan under the 2021 春节 rulebook (Home 14 days, tests
/// on days 1 and 14), confirms it and records two health checks, one at 38.2 °C, which puts a referral in the
/// village's task list; then the county switches to a new version (Home 7 days, tests on days 1 and 7), sees the diff
/// and applies it.
/// </summary>
public sealed class PolicySwitchJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [BrowserFact]
    public Task PolicySwitch_ResidentReportsGridWorkerConfirmsRecordsAFeverCountySwitches_ReferralForTheVillageAndShorterPlan() => JourneyAsync(async page =>
    {
        var tree = await TestTree.CreateAsync(App);
        var worker = await TestUsers.CreateAsync(App, (Role.GridManager, tree.Grid1.Id));
        var officer = await TestUsers.CreateAsync(App, (Role.VillageOfficer, tree.Village1.Id));
        var commander = await TestUsers.CreateAsync(App, (Role.CountyCommander, tree.County.Id));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(App.Clock.GetUtcNow().UtcDateTime,
            TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        var city = TestTree.NewCountyCode();
        var name = "春节旅程" + Guid.NewGuid().ToString("N")[..6];
        await ArrangeAsync(name, city, today);
        var resident = "返乡" + Guid.NewGuid().ToString("N")[..4];
        var idNumber = SyntheticIdNumbers.Make(new Random(Guid.NewGuid().GetHashCode()), "530427", new DateOnly(1988, 3, 9), Sex.Female);
        await RegisterAsync(tree, resident, idNumber);

        // A resident, with no account, files the arrival report on a phone.
        await page.GotoAsync("/arrivals/new");
        await page.Locator("#township").SelectOptionAsync(tree.Township1.Id.ToString());
        await page.GetByTestId("arrival-find-villages").ClickAsync();
        await page.GetByTestId("arrival-village").SelectOptionAsync(tree.Village1.Id.ToString());
        await page.Locator("#address").FillAsync("和平路 8 号");
        await page.Locator("#name").FillAsync(resident);
        await page.Locator("#id-number").FillAsync(idNumber);
        await page.Locator("#phone").FillAsync("13800138000");
        await page.Locator("#from-name").FillAsync("测试市");
        await page.Locator("#from-code").FillAsync(city);
        await page.Locator("#departed").FillAsync(Day(today.AddDays(-1)));
        await page.Locator("#arrived").FillAsync(Day(today));
        await page.Locator("#stay-0-code").FillAsync(city);
        await page.Locator("#stay-0-name").FillAsync("测试市");
        await page.Locator("#stay-0-from").FillAsync(Day(today.AddDays(-10)));
        await page.Locator("#stay-0-to").FillAsync(Day(today.AddDays(-1)));
        await page.GetByTestId("arrival-submit").ClickAsync();
        await Expect(page.GetByTestId("arrival-reference")).ToBeVisibleAsync();
        var reportId = await App.WithDbAsync(db => db.ArrivalReports.Where(r => r.IdNumber == idNumber).Select(r => r.Id).SingleAsync());

        // The report reached the household's grid: its grid worker finds it in the list, computes the plan under the
        // 2021 rulebook copy and confirms it.
        await (await new LoginPage(page).GotoAsync()).LogInAsync(worker.UserName, worker.Password);
        await page.GotoAsync("/arrivals");
        await page.GetByRole(AriaRole.Link, new() { Name = resident }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/arrivals/{reportId}$"));
        await page.GetByTestId("arrival-policy").SelectOptionAsync(name);
        await page.GetByTestId("arrival-compute").ClickAsync();
        await Expect(page.GetByTestId("plan-phase")).ToContainTextAsync($"{Day(today.AddDays(1))} 至 {Day(today.AddDays(14))}（14 天）");
        await Expect(page.GetByTestId("plan-test")).ToHaveCountAsync(2);
        await page.GetByTestId("plan-confirm").ClickAsync();
        await Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("执行中");
        var planUrl = page.Url;

        // Two health checks, one abnormal: a referral due within 2 hours appears in the village's task list.
        await page.GetByTestId("plan-record-check").ClickAsync();
        await page.GetByTestId("check-temp").FillAsync("36.5");
        await page.GetByTestId("check-save").ClickAsync();
        await Expect(page.GetByTestId("check-recorded")).ToContainTextAsync("正常");
        await page.GotoAsync(planUrl);
        await page.GetByTestId("plan-record-check").ClickAsync();
        await page.GetByTestId("check-temp").FillAsync("38.2");
        await page.GetByTestId("check-save").ClickAsync();
        await Expect(page.GetByTestId("check-recorded")).ToContainTextAsync("异常");
        await Expect(page.GetByTestId("check-referral")).ToBeVisibleAsync();
        await page.Context.ClearCookiesAsync();
        await (await new LoginPage(page).GotoAsync()).LogInAsync(officer.UserName, officer.Password);
        await page.GotoAsync("/tasks");
        await Expect(page.GetByTestId("task").Filter(new() { HasText = resident })).ToContainTextAsync("转诊");
        await ScreenshotAsync(page, "tasks-referral-360x740");

        // The county publishes version 2 and switches to it: the diff shows the old and the new end and test days.
        var v2 = await VersionTwoAsync(name);
        await page.Context.ClearCookiesAsync();
        await (await new LoginPage(page).GotoAsync()).LogInAsync(commander.UserName, commander.Password);
        await page.GotoAsync($"/policies/{v2}");
        await page.GetByTestId("policy-switch-link").ClickAsync();
        var row = page.GetByTestId("switch-row").Filter(new() { HasText = resident });
        await Expect(row.GetByTestId("switch-end")).ToHaveTextAsync($"{today.AddDays(14):MM-dd} → {today.AddDays(7):MM-dd}");
        await Expect(row.GetByTestId("switch-tests")).ToContainTextAsync($"{today.AddDays(7):MM-dd}");
        await ScreenshotAsync(page, "policy-switch-360x740");
        await row.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByTestId("switch-apply-chosen").ClickAsync();
        await Expect(page.GetByTestId("switch-applied")).ToContainTextAsync("已切换 1 份计划");

        await page.Context.ClearCookiesAsync();
        await (await new LoginPage(page).GotoAsync()).LogInAsync(officer.UserName, officer.Password);
        await page.GotoAsync(planUrl);
        await Expect(page.GetByTestId("plan-rule")).ToContainTextAsync($"“{name}”第 2 版");
        await Expect(page.GetByTestId("plan-phase")).ToContainTextAsync($"{Day(today.AddDays(1))} 至 {Day(today.AddDays(7))}（7 天）");
    });

    /// <summary>The resident lives in a household of the grid (the registry knows them).</summary>
    private async Task RegisterAsync(TestTree tree, string name, string idNumber)
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await App.WithDbAsync(async db =>
        {
            var household = new Household { JurisdictionId = tree.Grid1.Id, Address = "和平路 8 号", CreatedAt = now, UpdatedAt = now };
            var person = new Person
            {
                Name = name,
                IdType = IdType.ResidentIdCard,
                IdNumber = idNumber,
                BirthDate = new DateOnly(1988, 3, 9),
                Sex = Sex.Female,
                Residency = Residency.Registered,
                Status = PersonStatus.Active,
                JurisdictionId = tree.Grid1.Id,
                Household = household,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Persons.Add(person);
            db.HouseholdMemberships.Add(new HouseholdMembership { Person = person, Household = household, From = new DateOnly(2020, 1, 1) });
            await db.SaveChangesAsync();
        });
    }

    private static readonly Rulebook Chunjie = ShippedRulebooks.LoadValid().Single(r => r.Name == "2021-01 春节");

    /// <summary>Never the policy in force for other journeys: the shipped rulebook is effective a day later.</summary>
    private static readonly DateOnly Effective = Chunjie.EffectiveDate.AddDays(-1);

    /// <summary>A medium-risk area at <paramref name="city"/> and version 1 of <paramref name="name"/>: the 2021 春节 rules.</summary>
    private async Task ArrangeAsync(string name, string city, DateOnly today)
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await App.WithDbAsync(async db =>
        {
            db.RiskAreas.Add(new RiskArea { PlaceCode = city, PlaceName = "测试市", Level = RiskLevel.Medium, From = today.AddDays(-30), CreatedAt = now, UpdatedAt = now });
            db.Policies.Add(new Policy
            {
                Name = name,
                Version = 1,
                EffectiveOn = Effective,
                CreatedAt = now,
                Rules = RulebookJson.Write(Chunjie with { Name = name, EffectiveDate = Effective }),
            });
            await db.SaveChangesAsync();
        });
    }

    /// <summary>Version 2 of <paramref name="name"/>: Returnee Medium becomes Home 7 with tests on days 1 and 7.</summary>
    private async Task<Guid> VersionTwoAsync(string name)
    {
        var rules = Chunjie.Rules.Select(r => r.Category == KeyPersonCategory.Returnee && r.Level == RiskLevel.Medium
            ? r with { Phases = [new PhaseRule(PhaseKind.HomeQuarantine, 7, 2, [1, 7])] }
            : r).ToList();
        var v2 = new Policy
        {
            Name = name,
            Version = 2,
            EffectiveOn = Effective,
            CreatedAt = App.Clock.GetUtcNow().UtcDateTime,
            Rules = RulebookJson.Write(Chunjie with { Name = name, Version = 2, EffectiveDate = Effective, Rules = rules }),
        };
        await App.WithDbAsync(async db =>
        {
            db.Policies.Add(v2);
            await db.SaveChangesAsync();
        });
        return v2.Id;
    }
}
