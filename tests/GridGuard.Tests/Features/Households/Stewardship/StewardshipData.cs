using GridGuard.Features.Canvassing;
using GridGuard.Features.Demo;
using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.Households.Stewardship;

/// <summary>A member to register: name, age in years on the test's today, recorded groups, open flags.</summary>
public sealed record MemberSpec(string Name, int Age = 40, VulnerableGroup[]? Groups = null, KeyPersonCategory[]? Flags = null,
    string? Phone = null);

/// <summary>Households, persons and stewards made directly in the database for stewardship tests.</summary>
public static class StewardshipData
{
    /// <summary>The urban grid under <see cref="TestTree.Village2"/> (community → compound → building → grid).</summary>
    public static Jurisdiction UrbanGrid(this TestTree tree) => tree.Nodes[tree.Village2.Code + "001001001"];

    public static Jurisdiction UrbanBuilding(this TestTree tree) => tree.Nodes[tree.Village2.Code + "001001"];

    /// <summary>The villagers' group of the rural <see cref="TestTree.Village1"/>.</summary>
    public static Jurisdiction RuralGroup(this TestTree tree) => tree.Nodes[tree.Village1.Code + "001"];

    /// <summary>Adds <paramref name="count"/> households without members in <paramref name="gridId"/>.</summary>
    public static async Task<List<Guid>> AddHouseholdsAsync(AppFactory app, Guid gridId, int count, Guid? stewardId = null)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var households = Enumerable.Range(1, count)
            .Select(i => new Household
            {
                JurisdictionId = gridId,
                Room = (100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                StewardId = stewardId,
                CreatedAt = now,
                UpdatedAt = now,
            })
            .ToList();
        await app.WithDbAsync(async db =>
        {
            db.Households.AddRange(households);
            await db.SaveChangesAsync();
        });
        return households.Select(h => h.Id).ToList();
    }

    /// <summary>Adds one household whose first member is the head, each with a fresh valid ID number.</summary>
    public static async Task<(Guid HouseholdId, List<Person> Members)> AddHouseholdAsync(
        AppFactory app, Guid gridId, string? unit, string? room, string? address, Guid? stewardId, params MemberSpec[] members)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var random = new Random(Guid.NewGuid().GetHashCode());
        var household = new Household
        {
            JurisdictionId = gridId,
            Unit = unit,
            Room = room,
            Address = address,
            StewardId = stewardId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var persons = new List<Person>();
        var flags = new List<KeyPersonFlag>();
        foreach (var m in members)
        {
            var birth = today.AddYears(-m.Age).AddDays(-random.Next(1, 300));
            var sex = random.Next(2) == 0 ? Sex.Male : Sex.Female;
            var region = "53" + random.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var person = new Person
            {
                Name = m.Name,
                IdType = IdType.ResidentIdCard,
                IdNumber = SyntheticIdNumbers.Make(random, region, birth, sex),
                BirthDate = birth,
                Sex = sex,
                Phone = m.Phone,
                HouseholdId = household.Id,
                JurisdictionId = gridId,
                VulnerableGroups = (m.Groups ?? []).Select(g => new PersonVulnerableGroup { Group = g }).ToList(),
                CreatedAt = now,
                UpdatedAt = now,
            };
            persons.Add(person);
            flags.AddRange((m.Flags ?? []).Select(c => new KeyPersonFlag
            {
                PersonId = person.Id,
                Category = c,
                JurisdictionId = gridId,
                Source = FlagSource.Manual,
                Status = FlagStatus.Open,
                FlaggedAt = now,
            }));
        }

        await app.WithDbAsync(async db =>
        {
            // Household and head point at each other: save the household first, then name its head.
            db.Households.Add(household);
            await db.SaveChangesAsync();
            db.Persons.AddRange(persons);
            db.KeyPersonFlags.AddRange(flags);
            await db.SaveChangesAsync();
            household.HeadId = persons.FirstOrDefault()?.Id;
            await db.SaveChangesAsync();
        });
        return (household.Id, persons);
    }

    /// <summary>A steward at <paramref name="nodeId"/> with a name and a phone, as the roster shows them.</summary>
    public static async Task<TestUser> StewardAsync(AppFactory app, Guid nodeId, string name = "包保员", string? phone = null)
    {
        var user = await TestUsers.CreateAsync(app, (Role.Steward, nodeId));
        await app.WithDbAsync(async db =>
        {
            var u = await db.Users.FindAsync(user.Id);
            u!.DisplayName = name;
            u.PhoneNumber = phone;
            await db.SaveChangesAsync();
        });
        return user;
    }

    public static Task<Guid?> StewardOfAsync(AppFactory app, Guid householdId) =>
        app.WithDbAsync(async db => (await db.Households.FindAsync(householdId))!.StewardId);
}
