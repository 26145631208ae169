using System.Globalization;
using GridGuard.Features.Canvassing;
using GridGuard.Features.Demo;
using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform;
using GridGuard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GridGuard.Tests.Features.Canvassing;

/// <summary>Households, persons and canvasses written straight to the database, for canvassing tests.</summary>
public static class Registry
{
    private static int sequence = Random.Shared.Next(0, 1_000);

    public static DateOnly Today(AppFactory app) => app.Services.GetRequiredService<CountyClock>().Today;

    /// <summary>A valid resident ID number, unique in this test run (the region digits carry a counter).</summary>
    public static string NewIdNumber(DateOnly birth)
    {
        var n = Interlocked.Increment(ref sequence);
        var region = "53" + (n / 1_000 % 10_000).ToString("0000", CultureInfo.InvariantCulture);
        var body = region + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (n % 1_000).ToString("000", CultureInfo.InvariantCulture);
        return body + IdNumbers.CheckChar(body);
    }

    /// <summary>Any valid number, as the synthetic generator makes them, for persons whose birth date does not matter.</summary>
    public static string NewIdNumber() => NewIdNumber(SyntheticIdNumbers.BirthDate(Random.Shared, new DateOnly(2026, 1, 1), 20, 50));

    public static async Task<Guid> HouseholdAsync(AppFactory app, Jurisdiction grid, string? address = "和平路 1 号", Guid? stewardId = null)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var household = new Household
        {
            JurisdictionId = grid.Id,
            Address = address,
            StewardId = stewardId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await app.WithDbAsync(async db =>
        {
            db.Households.Add(household);
            await db.SaveChangesAsync();
        });
        return household.Id;
    }

    public static async Task<Person> PersonAsync(AppFactory app, Jurisdiction grid, Guid? householdId, string name,
        DateOnly? birth = null, params VulnerableGroup[] groups)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var number = birth is { } b ? NewIdNumber(b) : NewIdNumber();
        var check = IdNumbers.Check(IdType.ResidentIdCard, number, Today(app));
        Assert.True(check.Valid, check.Error);
        var person = new Person
        {
            Name = name,
            IdType = IdType.ResidentIdCard,
            IdNumber = check.Normalized,
            BirthDate = check.BirthDate,
            Sex = check.Sex,
            Residency = Residency.Registered,
            Status = PersonStatus.Active,
            HouseholdId = householdId,
            JurisdictionId = grid.Id,
            CreatedAt = now,
            UpdatedAt = now,
            VulnerableGroups = groups.Select(g => new PersonVulnerableGroup { Group = g }).ToList(),
        };
        await app.WithDbAsync(async db =>
        {
            db.Persons.Add(person);
            if (householdId is { } h)
            {
                db.HouseholdMemberships.Add(new HouseholdMembership { PersonId = person.Id, HouseholdId = h, From = Today(app).AddYears(-1) });
            }

            await db.SaveChangesAsync();
        });
        return person;
    }

    public static async Task<Guid> CanvassAsync(AppFactory app, Jurisdiction root, DateOnly startsOn, DateOnly endsOn, string name = "测试排查")
    {
        var canvass = new Canvass
        {
            Name = name,
            JurisdictionId = root.Id,
            StartsOn = startsOn,
            EndsOn = endsOn,
            CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
        };
        await app.WithDbAsync(async db =>
        {
            db.Canvasses.Add(canvass);
            await db.SaveChangesAsync();
        });
        return canvass.Id;
    }
}
