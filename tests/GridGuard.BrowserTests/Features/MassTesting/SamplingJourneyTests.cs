using System.Net.Http.Json;
using GridGuard.BrowserTests.Infrastructure;
using GridGuard.BrowserTests.Pages;
using GridGuard.Features.Canvassing;
using GridGuard.Features.ControlPlans;
using GridGuard.Features.Demo;
using GridGuard.Features.Households;
using GridGuard.Features.MassTesting;
using GridGuard.Features.MassTesting.Rounds;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridGuard.BrowserTests.Features.MassTesting;

/// <summary>Issue 5's sampler at phone width: a 10-in-1 tube, and sampling through a network loss.</summary>
public sealed class SamplingJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private sealed record Round(TestTree Tree, Guid Id, TestUser Sampler, TestUser Organiser, List<(Guid Id, string Name, string IdNumber)> People);

    /// <summary>A township round over <paramref name="count"/> registered persons of grid 1 (in households of 5).</summary>
    private async Task<Round> RoundAsync(int count)
    {
        var tree = await TestTree.CreateAsync(App);
        var organiser = await TestUsers.CreateAsync(App, (Role.TownshipOfficer, tree.Township1.Id));
        var sampler = await TestUsers.CreateAsync(App, (Role.MedicalStaff, tree.Township1.Id));
        var random = new Random(Guid.NewGuid().GetHashCode());
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var people = new List<(Guid, string, string)>();
        await App.WithDbAsync(async db =>
        {
            Household? household = null;
            for (var i = 0; i < count; i++)
            {
                if (i % 5 == 0)
                {
                    household = new Household { JurisdictionId = tree.Grid1.Id, Address = $"采样路{i / 5 + 1}号", CreatedAt = now, UpdatedAt = now };
                    db.Households.Add(household);
                }

                var number = SyntheticIdNumbers.Make(random, "46" + random.Next(1000, 9999), new DateOnly(1960, 1, 1).AddDays(random.Next(0, 15000)), Sex.Male);
                var person = new Person
                {
                    Name = "采样" + (char)('甲' + i),
                    IdType = IdType.ResidentIdCard,
                    IdNumber = number,
                    Residency = Residency.Registered,
                    Status = PersonStatus.Active,
                    HouseholdId = household!.Id,
                    JurisdictionId = tree.Grid1.Id,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                db.Persons.Add(person);
                people.Add((person.Id, person.Name, number));
            }

            await db.SaveChangesAsync();
        });
        var client = await App.ApiClientAsync(organiser);
        var response = await client.PostAsJsonAsync("/api/testing-rounds", new
        {
            name = "全员核酸" + Guid.NewGuid().ToString("N")[..4],
            jurisdictionId = tree.Township1.Id,
            startsAt = "2026-11-25T07:00:00",
            endsAt = "2026-11-25T20:00:00",
        });
        response.EnsureSuccessStatusCode();
        var opened = (await response.Content.ReadFromJsonAsync<OpenRound.Opened>(TestJson.Options))!;
        return new Round(tree, opened.Id, sampler, organiser, people);
    }

    [BrowserFact]
    public Task Sampler_FillsTenInOneTube_RefusesAPersonUnderControlAndClosesAtTen() => JourneyAsync(async page =>
    {
        var round = await RoundAsync(11);
        var controlled = round.People[10];
        await App.WithDbAsync(async db =>
        {
            var now = App.Clock.GetUtcNow().UtcDateTime;
            db.ControlPlans.Add(new ControlPlan
            {
                PersonId = controlled.Id,
                JurisdictionId = round.Tree.Grid1.Id,
                Source = PlanSource.Manual,
                Category = KeyPersonCategory.CloseContact,
                Status = PlanStatus.Active,
                CreatedAt = now,
                UpdatedAt = now,
            });
            await db.SaveChangesAsync();
        });
        var sampler = new SamplerPage(page);
        var barcode = "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

        await (await new LoginPage(page).GotoAsync()).LogInAsync(round.Sampler.UserName, round.Sampler.Password);
        await sampler.GotoAsync(round.Id);
        await sampler.OpenTubeAsync(barcode, "10合1");
        await sampler.ScanAsync(controlled.IdNumber);
        await Expect(sampler.Alert).ToContainTextAsync("必须单人单管");
        await Expect(sampler.Alert).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("refused"));
        await Expect(sampler.TubeCount).ToHaveTextAsync("0");
        await ScreenshotAsync(page, "sampler-refused-360");
        for (var i = 0; i < 10; i++)
        {
            // Half by the person's code (as a QR scanner types it), half by ID number.
            await sampler.ScanAsync(i % 2 == 0 ? PersonCode.Of(round.People[i].Id) : round.People[i].IdNumber);
        }

        await Expect(sampler.TubeCount).ToHaveTextAsync("10");
        await Expect(sampler.TubeClosed).ToBeVisibleAsync();
        await Expect(sampler.Alert).ToContainTextAsync("已自动封管");
        await Expect(sampler.Queue).ToContainTextAsync("待上传 0 条");
        await Expect(page.Locator("[data-testid=recent-row][data-state=ok]")).ToHaveCountAsync(10);
        await Expect(page.Locator("[data-testid=recent-row][data-state=off]")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "sampler-10in1-360");
        var tube = await App.WithDbAsync(db => db.Tubes.SingleAsync(t => t.Barcode == barcode));
        Assert.Equal((10, 10, TubeStatus.Closed), (tube.PoolSize, tube.Count, tube.Status));
    });

    [BrowserFact]
    public Task Sampler_Offline_ScansQueueAndAppearOnceOnTheBoard() => JourneyAsync(async page =>
    {
        var round = await RoundAsync(5);
        var sampler = new SamplerPage(page);
        var barcode = "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

        await (await new LoginPage(page).GotoAsync()).LogInAsync(round.Sampler.UserName, round.Sampler.Password);
        await sampler.GotoAsync(round.Id);
        await sampler.OpenTubeAsync(barcode, "5合1");
        await Expect(sampler.Queue).ToContainTextAsync("在线 · 待上传 0 条");
        await page.Context.SetOfflineAsync(true);
        for (var i = 0; i < 3; i++)
        {
            await sampler.ScanAsync(round.People[i].IdNumber);
        }

        await Expect(sampler.Queue).ToContainTextAsync("离线");
        await Expect(sampler.Queue).ToContainTextAsync("待上传 3 条");
        await Expect(page.GetByTestId("tube-closed")).ToBeHiddenAsync();
        await ScreenshotAsync(page, "sampler-offline-360");
        Assert.Equal(0, await App.WithDbAsync(db => db.Samplings.CountAsync(s => s.RoundId == round.Id)));

        await page.Context.SetOfflineAsync(false);
        await page.EvaluateAsync("window.dispatchEvent(new Event('online'))");
        await Expect(sampler.Queue).ToContainTextAsync("在线 · 待上传 0 条", new() { Timeout = 15_000 });

        await page.GotoAsync($"/testing-rounds/{round.Id}?node={round.Tree.Grid1.Id}");
        await Expect(page.GetByTestId("node-sampled")).ToHaveTextAsync("3");
        await Expect(page.GetByTestId("node-expected")).ToHaveTextAsync("5");
        Assert.Equal(3, await App.WithDbAsync(db => db.Samplings.CountAsync(s => s.RoundId == round.Id)));
        await page.GetByTestId("missing-link").ClickAsync();
        await Expect(page.GetByTestId("missing-person")).ToHaveCountAsync(2);
    });

    [BrowserFact]
    public async Task Sampler_ScansAPersonCodeWithThePhoneCamera()
    {
        var round = await RoundAsync(2);
        var person = round.People[0];
        await using var camera = await FakeCamera.LaunchAsync(PersonCode.Of(person.Id));
        var page = await Fixture.NewPhonePageAsync(camera.Browser, "camera");
        try
        {
            var sampler = new SamplerPage(page);
            var barcode = "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
            await (await new LoginPage(page).GotoAsync()).LogInAsync(round.Sampler.UserName, round.Sampler.Password);
            await sampler.GotoAsync(round.Id);
            await sampler.OpenTubeAsync(barcode, "5合1");
            await Expect(sampler.TubeCount).ToHaveTextAsync("0");

            await page.GetByTestId("camera-person").ClickAsync();

            await Expect(sampler.TubeCount).ToHaveTextAsync("1", new() { Timeout = 15_000 });
            await Expect(page.GetByTestId("camera")).ToBeHiddenAsync();
            await Expect(page.Locator("[data-testid=recent-row][data-state=ok]")).ToContainTextAsync(person.Name);
            await Expect(sampler.Queue).ToContainTextAsync("待上传 0 条");
            var sampled = await App.WithDbAsync(db => db.Samplings.SingleAsync(s => s.RoundId == round.Id));
            Assert.Equal(person.Id, sampled.PersonId);
        }
        catch
        {
            await ScreenshotAsync(page, "sampler-camera-failure");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
