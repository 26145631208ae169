using GridGuard.BrowserTests.Infrastructure;
using GridGuard.BrowserTests.Pages;
using GridGuard.Features.Canvassing;
using GridGuard.Features.ControlPlans;
using GridGuard.Features.Households;
using GridGuard.Features.Quarantine;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace GridGuard.BrowserTests.Features.Quarantine;

/// <summary>Issue 4's bed board at phone width: place a person under an Active plan, check out, clean.</summary>
public sealed class BedBoardJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [BrowserFact]
    public Task BedBoard_OfficerPlacesChecksOutAndCleans_TilesAndCountsFollow() => JourneyAsync(async page =>
    {
        var tree = await TestTree.CreateAsync(App);
        var officer = await TestUsers.CreateAsync(App, (Role.VillageOfficer, tree.Village1.Id));
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var site = new QuarantineSite
        {
            Name = "看板隔离点" + Guid.NewGuid().ToString("N")[..6],
            Address = "甲镇卫生院后楼",
            ResponsibleName = "赵主任",
            JurisdictionId = tree.Village1.Id,
            Status = SiteStatus.Active,
            ActivationStartedAt = now,
            ActivatedAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var personName = "看板" + Guid.NewGuid().ToString("N")[..4];
        await App.WithDbAsync(async db =>
        {
            db.QuarantineSites.Add(site);
            foreach (var code in new[] { "101", "102", "103", "104", "105", "106" })
            {
                db.QuarantineRooms.Add(new QuarantineRoom { SiteId = site.Id, Code = code, CreatedAt = now, UpdatedAt = now });
            }

            var person = new Person { Name = personName, JurisdictionId = tree.Grid1.Id, CreatedAt = now, UpdatedAt = now };
            db.Persons.Add(person);
            db.ControlPlans.Add(new ControlPlan
            {
                PersonId = person.Id,
                JurisdictionId = tree.Grid1.Id,
                Source = PlanSource.Manual,
                Category = KeyPersonCategory.CloseContact,
                Status = PlanStatus.Active,
                CreatedAt = now,
                UpdatedAt = now,
            });
            await db.SaveChangesAsync();
        });
        var board = new QuarantinePages(page);

        await (await new LoginPage(page).GotoAsync()).LogInAsync(officer.UserName, officer.Password);
        await board.GotoAsync(site.Id);
        await Expect(board.Rooms).ToHaveCountAsync(6);
        await board.AssignAsync(personName, "103");

        await Expect(board.Occupied).ToHaveTextAsync("在住 1");
        await Expect(board.Free).ToHaveTextAsync("空闲 5");
        await Expect(board.Rooms.Nth(2)).ToContainTextAsync(personName);
        await ScreenshotAsync(page, "bed-board-360");
        await board.CheckOutAsync(personName);
        await Expect(board.Cleaning).ToHaveTextAsync("待消杀 1");
        await board.MarkCleanedAsync("103");
        await Expect(board.Free).ToHaveTextAsync("空闲 6");
    });
}
