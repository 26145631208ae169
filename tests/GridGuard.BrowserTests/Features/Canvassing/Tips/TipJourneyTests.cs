using System.Globalization;
using System.Text.RegularExpressions;
using GridGuard.BrowserTests.Infrastructure;
using GridGuard.BrowserTests.Pages;
using GridGuard.Features.Canvassing;
using GridGuard.Features.Demo;
using GridGuard.Features.Households;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace GridGuard.BrowserTests.Features.Canvassing.Tips;

/// <summary>
/// Issue 3's public tip form on a phone: a resident without an account reports an unreported returnee, staff confirm
/// the tip as a key person, and the 500 元 reward is in the grid's reward ledger. Every browser sends from 127.0.0.1,
/// so these journeys store at most one tip each and reach the per-phone limit with tips of their own phone.
/// </summary>
public sealed class TipJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly Random Random = new(Guid.NewGuid().GetHashCode());

    private static string Suffix() => Random.Next(0, 10_000).ToString("D4", CultureInfo.InvariantCulture);

    private static string NewPhone() => "139" + Random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>The tree's rural village under a name no other test uses, so that the public form finds only it.</summary>
    private async Task<string> NameVillageAsync(TestTree tree)
    {
        var name = "曼来" + Suffix() + "村";
        await App.WithDbAsync(db => db.Jurisdictions.Where(j => j.Id == tree.Village1.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Name, name)));
        return name;
    }

    [BrowserFact]
    public Task Tip_ResidentReportsReturnee_StaffConfirmAndTheRewardIsInTheGridsLedger() => JourneyAsync(async page =>
    {
        var tree = await TestTree.CreateAsync(App);
        var village = await NameVillageAsync(tree);
        var officer = await TestUsers.CreateAsync(App, (Role.VillageOfficer, tree.Village1.Id));
        var returnee = "返乡" + Suffix();
        var tipster = "热心群众" + Suffix();
        var phone = NewPhone();
        await App.WithDbAsync(async db =>
        {
            var h = new Household { JurisdictionId = tree.Grid1.Id, Address = "大寨小组" + Suffix() + "号" };
            db.Households.Add(h);
            var birth = new DateOnly(1988, 2, 3);
            var number = SyntheticIdNumbers.Make(new Random(Guid.NewGuid().GetHashCode()), "530427", birth, Sex.Male);
            db.Persons.Add(new Person { Name = returnee, IdNumber = number, BirthDate = birth, HouseholdId = h.Id, JurisdictionId = tree.Grid1.Id });
            await db.SaveChangesAsync();
        });

        // A resident, with no account, finds the village by name and sends the tip from a phone.
        var tips = new TipPages(page);
        await tips.GotoNewAsync();
        await tips.FindVillagesAsync(village);
        await tips.SubmitAsync($"{tree.Township1.Name} · {village}", $"{returnee}从外地返乡，未向村里报备，现住在大寨小组。", returnee, tipster, phone);
        await Expect(tips.Receipt).ToContainTextAsync("提交成功");
        await Expect(tips.Receipt).ToContainTextAsync("给予 500 元奖励");
        await Expect(tips.Reference).ToHaveTextAsync(new Regex("^[0-9A-Z]{4}-[0-9A-Z]{4}$"));
        var reference = (await tips.Reference.TextContentAsync())!;
        await ScreenshotAsync(page, "tip-receipt-360x740");

        // The village officer finds the tip by its reference and confirms the returnee as a key person.
        await (await new LoginPage(page).GotoAsync()).LogInAsync(officer.UserName, officer.Password);
        var shell = new Shell(page);
        await shell.OpenAsync("线索");
        await tips.OpenAsync(reference);
        await Expect(shell.Heading).ToHaveTextAsync($"线索 {reference}");
        await Expect(tips.Status).ToHaveTextAsync("待核实");
        await tips.ConfirmAsync(returnee, "返乡人员", "高风险");
        await Expect(tips.Status).ToHaveTextAsync("已确认");
        await Expect(tips.Rewards).ToContainTextAsync($"奖励 500 元 · {tipster} {phone[..3]}****{phone[^4..]}");

        // The reward is in the ledger, under the person's grid: village → group → grid.
        await shell.OpenAsync("奖励台账");
        await tips.DrillDownAsync(tree.Grid1.Code[..^3], tree.Grid1.Code);
        await Expect(shell.Heading).ToHaveTextAsync($"{tree.Grid1.Name} · 奖励台账");
        await Expect(tips.LedgerTotal).ToHaveTextAsync("500");
        var row = tips.LedgerRows.Filter(new() { HasTextString = reference });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(tipster);
        await Expect(row.GetByRole(Microsoft.Playwright.AriaRole.Cell, new() { Name = "500", Exact = true })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "reward-ledger-grid-360x740");
    });

    [BrowserFact]
    public Task Tip_PhoneOverItsDailyLimit_RefusalInChineseAndNothingStored() => JourneyAsync(async page =>
    {
        var tree = await TestTree.CreateAsync(App);
        var village = await NameVillageAsync(tree);
        var phone = NewPhone();
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await App.WithDbAsync(async db =>
        {
            for (var i = 0; i < 3; i++)
            {
                db.Tips.Add(new Tip { JurisdictionId = tree.Village1.Id, Content = $"先前的线索 {i}", TipsterPhone = phone, CreatedAt = now.AddMinutes(-10 * i) });
            }

            await db.SaveChangesAsync();
        });

        var tips = new TipPages(page);
        await tips.GotoNewAsync();
        await tips.FindVillagesAsync(village);
        await tips.SubmitAsync($"{tree.Township1.Name} · {village}", "又发现一位返乡人员未报备。", null, null, phone);

        await Expect(tips.Limited).ToHaveTextAsync(new Regex("^联系电话：同一手机号码 24 小时内最多提交 3 条线索，请 .+后再试$"));
        await Expect(tips.Receipt).ToHaveCountAsync(0);
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "提交线索", Exact = true })).ToBeVisibleAsync();
        var stored = await App.WithDbAsync(db => db.Tips.CountAsync(t => t.TipsterPhone == phone));
        Assert.Equal(3, stored);
    });
}
