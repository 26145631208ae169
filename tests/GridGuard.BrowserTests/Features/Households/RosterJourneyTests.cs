using GridGuard.BrowserTests.Infrastructure;
using GridGuard.BrowserTests.Pages;
using GridGuard.Features.Demo;
using GridGuard.Features.Households;
using GridGuard.Features.Households.Export;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using MiniExcelLibs;
using static Microsoft.Playwright.Assertions;

namespace GridGuard.BrowserTests.Features.Households;

/// <summary>Issue 3's roster journey: a village leader downloads the 网格联户包保清单 and the file is what DOMAIN.md §3 lists.</summary>
public sealed class RosterJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [BrowserFact]
    public Task Roster_VillageLeaderExports_XlsxHasTheColumnsAndMaskedIds() => JourneyAsync(async page =>
    {
        var tree = await TestTree.CreateAsync(App);
        var leader = await TestUsers.CreateAsync(App, (Role.VillageOfficer, tree.Village1.Id));
        var steward = await TestUsers.CreateAsync(App, (Role.Steward, tree.Grid1.Id));
        var birth = new DateOnly(1948, 3, 9);
        var number = SyntheticIdNumbers.Make(new Random(Guid.NewGuid().GetHashCode()), "530427", birth, Sex.Female);
        var address = "=HYPERLINK(\"x\")" + Guid.NewGuid().ToString("N")[..4];
        await App.WithDbAsync(async db =>
        {
            var h = new Household { JurisdictionId = tree.Grid1.Id, Address = address, StewardId = steward.Id };
            db.Households.Add(h);
            var head = new Person { Name = "杞奶奶", IdNumber = number, BirthDate = birth, Sex = Sex.Female, HouseholdId = h.Id, JurisdictionId = tree.Grid1.Id };
            db.Persons.Add(head);
            await db.SaveChangesAsync();
            h.HeadId = head.Id;
            await db.SaveChangesAsync();
        });

        await (await new LoginPage(page).GotoAsync()).LogInAsync(leader.UserName, leader.Password);
        await page.GotoAsync($"/stewardship?jurisdictionId={tree.Village1.Id}");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("roster-download").ClickAsync(), new() { Timeout = 30_000 });
        var file = Path.Combine(BrowserLane.ResultsDirectory, "roster-" + Guid.NewGuid().ToString("N") + ".xlsx");
        await download.SaveAsAsync(file);

        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var rows = MiniExcel.Query(file, useHeaderRow: false).Cast<IDictionary<string, object?>>().Select(r => r.Values.Select(v => v?.ToString()).ToList()).ToList();
        var header = rows.FindIndex(r => r.Contains("户主证件号码"));
        Assert.True(header >= 0, "no header row");
        Assert.Equal(RosterRow.Headers, rows[header].Where(v => !string.IsNullOrEmpty(v)).ToArray());
        var row = rows.Skip(header + 1).Single(r => r.Contains("杞奶奶"));
        Assert.Contains(IdNumbers.Mask(number), row);
        Assert.DoesNotContain(number, row);
        Assert.Contains(row, v => v is not null && v.EndsWith(address, StringComparison.Ordinal));
        Assert.DoesNotContain(rows.SelectMany(r => r), v => v is not null && v.StartsWith('='));
        await Expect(page.GetByTestId("roster-download")).ToBeVisibleAsync();
    });
}
