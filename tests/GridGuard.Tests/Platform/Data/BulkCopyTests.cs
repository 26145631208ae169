using GridGuard.Features.Demo;
using GridGuard.Features.Households;
using GridGuard.Platform.Data;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Platform.Data;

[Collection(AppCollection.Name)]
public sealed class BulkCopyTests(AppFactory app)
{
    [Fact]
    public async Task BulkCopy_HouseholdPersonsGroupsAndStays_ReadBackThroughEfUnchanged()
    {
        var tree = await TestTree.CreateAsync(app);
        var now = new DateTime(2026, 11, 24, 3, 4, 5, 678, DateTimeKind.Utc);
        var household = new Household { JurisdictionId = tree.Grid1.Id, Address = "大寨小组 12 号", Unit = "1", IsRental = true, LandlordName = "房东", CreatedAt = now, UpdatedAt = now };
        var random = new Random(Guid.NewGuid().GetHashCode());
        var birth = new DateOnly(1950, 2, 28);
        var person = new Person
        {
            Name = "张<b>三</b>",
            IdType = IdType.ResidentIdCard,
            IdNumber = SyntheticIdNumbers.Make(random, "530427", birth, Sex.Female),
            BirthDate = birth,
            Sex = Sex.Female,
            Phone = "13912345678",
            Residency = Residency.Floating,
            Status = PersonStatus.Active,
            HouseholdId = household.Id,
            JurisdictionId = tree.Grid1.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var stay = new HouseholdMembership { PersonId = person.Id, HouseholdId = household.Id, Relation = "户主", From = new DateOnly(2026, 11, 24) };

        var written = await app.WithDbAsync(async db =>
            await BulkCopy.InsertAsync(db, [household])
            + await BulkCopy.InsertAsync(db, [person])
            + await BulkCopy.InsertAsync(db, [new PersonVulnerableGroup { PersonId = person.Id, Group = VulnerableGroup.Pregnant }])
            + await BulkCopy.InsertAsync(db, [stay]));

        Assert.Equal(4, written);
        await app.WithDbAsync(async db =>
        {
            var h = await db.Households.AsNoTracking().SingleAsync(x => x.Id == household.Id);
            Assert.Equal(("大寨小组 12 号", "1", (string?)null, true, "房东", now), (h.Address, h.Unit, h.Room, h.IsRental, h.LandlordName, h.CreatedAt));
            var p = await db.Persons.AsNoTracking().Include(x => x.VulnerableGroups).SingleAsync(x => x.IdNumber == person.IdNumber);
            Assert.Equal((person.Id, "张<b>三</b>", birth, Sex.Female, Residency.Floating, household.Id, now),
                (p.Id, p.Name, p.BirthDate, p.Sex, p.Residency, p.HouseholdId, p.UpdatedAt));
            Assert.Equal(VulnerableGroup.Pregnant, Assert.Single(p.VulnerableGroups).Group);
            var m = await db.HouseholdMemberships.AsNoTracking().SingleAsync(x => x.PersonId == person.Id);
            Assert.Equal((household.Id, "户主", new DateOnly(2026, 11, 24), (DateOnly?)null), (m.HouseholdId, m.Relation, m.From, m.To));
        });
    }
}
