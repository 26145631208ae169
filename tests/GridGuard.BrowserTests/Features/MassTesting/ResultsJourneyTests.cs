using System.Net.Http.Json;
using System.Text;
using GridGuard.BrowserTests.Infrastructure;
using GridGuard.BrowserTests.Pages;
using GridGuard.Features.Demo;
using GridGuard.Features.Households;
using GridGuard.Features.MassTesting;
using GridGuard.Features.MassTesting.Rounds;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridGuard.BrowserTests.Features.MassTesting;

/// <summary>Issue 5's lab result at phone width: a result file with one pooled positive makes the retest tasks appear.</summary>
public sealed class ResultsJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [BrowserFact]
    public Task LabUploadsPooledPositive_RetestTasksAppearInTheInbox() => JourneyAsync(async page =>
    {
        var tree = await TestTree.CreateAsync(App);
        var organiser = await TestUsers.CreateAsync(App, (Role.TownshipOfficer, tree.Township1.Id));
        var lab = await TestUsers.CreateAsync(App, (Role.MedicalStaff, tree.Township1.Id));
        var random = new Random(Guid.NewGuid().GetHashCode());
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var people = new List<Guid>();
        await App.WithDbAsync(async db =>
        {
            var household = new Household { JurisdictionId = tree.Grid1.Id, Address = "复核路1号", CreatedAt = now, UpdatedAt = now };
            db.Households.Add(household);
            for (var i = 0; i < 5; i++)
            {
                var person = new Person
                {
                    Name = "复核" + (char)('甲' + i),
                    IdType = IdType.ResidentIdCard,
                    IdNumber = SyntheticIdNumbers.Make(random, "46" + random.Next(1000, 9999), new DateOnly(1970, 1, 1).AddDays(random.Next(0, 9000)), Sex.Female),
                    Residency = Residency.Registered,
                    Status = PersonStatus.Active,
                    HouseholdId = household.Id,
                    JurisdictionId = tree.Grid1.Id,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                db.Persons.Add(person);
                people.Add(person.Id);
            }

            await db.SaveChangesAsync();
        });
        var organiserClient = await App.ApiClientAsync(organiser);
        var opened = await organiserClient.PostAsJsonAsync("/api/testing-rounds", new
        {
            name = "复核演练" + Guid.NewGuid().ToString("N")[..4],
            jurisdictionId = tree.Township1.Id,
            startsAt = "2026-11-25T07:00:00",
            endsAt = "2026-11-25T20:00:00",
        });
        opened.EnsureSuccessStatusCode();
        var round = (await opened.Content.ReadFromJsonAsync<OpenRound.Opened>(TestJson.Options))!;
        var pooled = "P" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var negative = "N" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var scans = people.Select((p, i) => new
        {
            clientId = Guid.NewGuid(),
            tube = i < 4 ? pooled : negative,
            poolSize = 5,
            personCode = PersonCode.Of(p),
        });
        var labClient = await App.ApiClientAsync(lab);
        (await labClient.PostAsJsonAsync($"/api/testing-rounds/{round.Id}/samplings/batch", new { scans })).EnsureSuccessStatusCode();
        var file = Path.Combine(Path.GetTempPath(), $"results-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, $"条码,结果\n{pooled},阳性\n{negative},阴性\n", new UTF8Encoding(true));

        await (await new LoginPage(page).GotoAsync()).LogInAsync(lab.UserName, lab.Password);
        await page.GotoAsync("/lab-results/import");
        await page.GetByLabel("结果文件", new() { Exact = false }).SetInputFilesAsync(file);
        await page.GetByTestId("import-submit").ClickAsync();
        await Expect(page.GetByTestId("import-applied")).ToContainTextAsync("已处理 2 个采样管的结果");
        await ScreenshotAsync(page, "lab-results-import-360");

        await page.GotoAsync("/tasks");
        await Expect(page.GetByTestId("task")).ToHaveCountAsync(4);
        await Expect(page.GetByTestId("task").First).ToContainTextAsync("单管复核");
        await ScreenshotAsync(page, "retest-tasks-360");
        await page.GotoAsync($"/persons/{people[0]}");
        await Expect(page.Locator("body")).ToContainTextAsync("请原地等待单管复核");
        File.Delete(file);
    });
}
