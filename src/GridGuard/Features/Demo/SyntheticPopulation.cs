using System.Globalization;
using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;

namespace GridGuard.Features.Demo;

/// <summary>A grid to fill: its id, settlement, and the address text of the nodes between village and grid.</summary>
public sealed record GridSite(Guid Id, string Code, Settlement Settlement, string AddressPrefix);

/// <summary>One synthetic household with its members, their stays and their recorded vulnerable groups.</summary>
public sealed record SyntheticHousehold(
    Household Household, List<Person> Members, List<HouseholdMembership> Stays, List<PersonVulnerableGroup> Groups);

/// <summary>
/// Deterministic synthetic residents (fixed seed per grid code): households of 1–6 at Chinese names and addresses,
/// valid ID numbers (mostly of the county itself, some of elsewhere for the floating population), mobile phones,
/// residency and recorded vulnerable groups at plausible rates. The same seed, grid and today give the same people,
/// names, ID numbers and addresses on every machine; only the row ids (Guid v7) differ between runs.
/// </summary>
public sealed class SyntheticPopulation(int seed, DateOnly today, DateTime now)
{
    /// <summary>Birth regions of the floating population: elsewhere in Yunnan, then other provinces.</summary>
    private static readonly string[] ElsewhereRegions = ["530402", "530102", "532901", "530302", "510104", "500103", "450102", "430102", "320106", "440106"];

    private static readonly int[] SizeWeights = [15, 25, 25, 18, 10, 7];

    private readonly HashSet<string> usedIdNumbers = new(StringComparer.Ordinal);

    /// <summary>The county's own region code, used for most residents' ID numbers.</summary>
    public string HomeRegion { get; init; } = "530427";

    /// <summary>Households for one grid, about <paramref name="persons"/> people in all.</summary>
    public IEnumerable<SyntheticHousehold> For(GridSite grid, int persons)
    {
        var random = new Random(unchecked((seed * 1_000_003) ^ StableHash(grid.Code)));
        var made = 0;
        var number = 0;
        while (made < persons)
        {
            var size = Math.Min(Pick(random, SizeWeights) + 1, Math.Max(1, persons - made));
            number++;
            var household = MakeHousehold(random, grid, number);
            var result = new SyntheticHousehold(household, [], [], []);
            AddMembers(random, result, size, grid);
            made += result.Members.Count;
            yield return result;
        }
    }

    private Household MakeHousehold(Random random, GridSite grid, int number)
    {
        var rental = random.Next(100) < 8;
        var household = new Household
        {
            JurisdictionId = grid.Id,
            IsRental = rental,
            LandlordName = rental ? DemoNames.Person(random) : null,
            LandlordPhone = rental ? DemoNames.Phone(random) : null,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (grid.Settlement == Settlement.Urban)
        {
            var unit = (number - 1) / 36 + 1;
            var room = ((number - 1) % 36 / 2 + 1) * 100 + ((number - 1) % 2) + 1;
            household.Unit = unit.ToString(CultureInfo.InvariantCulture);
            household.Room = room.ToString(CultureInfo.InvariantCulture);
            household.Address = $"{grid.AddressPrefix}{unit}单元{room}室";
        }
        else
        {
            household.Address = $"{grid.AddressPrefix}{number}号";
        }

        return household;
    }

    private void AddMembers(Random random, SyntheticHousehold h, int size, GridSite grid)
    {
        var surname = DemoNames.Surname(random);
        var tenant = h.Household.IsRental;
        var floating = tenant || random.Next(100) < 7;
        var headSex = random.Next(100) < 80 ? Sex.Male : Sex.Female;
        var headAge = size == 1 ? random.Next(22, 90) : random.Next(28, 75);
        var head = AddPerson(random, h, surname, headSex, AgeToBirth(random, headAge), "户主", floating, tenant);
        var left = size - 1;
        if (left > 0 && (size > 2 || random.Next(100) < 70))
        {
            AddPerson(random, h, DemoNames.Surname(random), Opposite(headSex), AgeToBirth(random, Math.Clamp(headAge + random.Next(-5, 4), 18, 95)), "配偶", floating, tenant);
            left--;
        }

        if (left > 0 && headAge < 62 && random.Next(100) < 30)
        {
            var parentAge = Math.Min(headAge + random.Next(22, 32), 98);
            AddPerson(random, h, surname, random.Next(100) < 65 ? Sex.Female : Sex.Male, AgeToBirth(random, parentAge), headSex == Sex.Male ? "母亲" : "父亲", floating, tenant);
            left--;
        }

        for (; left > 0; left--)
        {
            var childAge = Math.Max(0, headAge - random.Next(20, 36));
            var sex = random.Next(2) == 0 ? Sex.Male : Sex.Female;
            AddPerson(random, h, surname, sex, AgeToBirth(random, childAge), sex == Sex.Male ? "子" : "女", floating, tenant);
        }

        RecordGroups(random, h, grid, head);
    }

    private Person AddPerson(Random random, SyntheticHousehold h, string surname, Sex sex, DateOnly birth, string relation, bool floating, bool tenant)
    {
        var age = VulnerableGroups.Age(birth, today);
        var region = floating && random.Next(100) < 80 ? ElsewhereRegions[random.Next(ElsewhereRegions.Length)] : HomeRegion;
        string idNumber;
        do
        {
            idNumber = SyntheticIdNumbers.Make(random, region, birth, sex);
        }
        while (!usedIdNumbers.Add(idNumber));

        var person = new Person
        {
            Name = surname + DemoNames.Given(random, sex),
            IdType = IdType.ResidentIdCard,
            IdNumber = idNumber,
            BirthDate = birth,
            Sex = sex,
            Phone = age >= 16 && random.Next(100) < 92 ? DemoNames.Phone(random) : null,
            Residency = tenant ? Residency.Tenant : floating ? Residency.Floating : random.Next(100) < 10 ? Residency.Permanent : Residency.Registered,
            Status = PersonStatus.Active,
            HouseholdId = h.Household.Id,
            JurisdictionId = h.Household.JurisdictionId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        h.Members.Add(person);
        h.Stays.Add(new HouseholdMembership { PersonId = person.Id, HouseholdId = h.Household.Id, Relation = relation, From = today.AddDays(-random.Next(30, 3650)) });
        return person;
    }

    /// <summary>Recorded groups at rough county rates: chronic illness, disability, pregnancy, dialysis, elders alone.</summary>
    private void RecordGroups(Random random, SyntheticHousehold h, GridSite grid, Person head)
    {
        foreach (var p in h.Members)
        {
            var age = VulnerableGroups.Age(p.BirthDate!.Value, today);
            void Add(VulnerableGroup g) => h.Groups.Add(new PersonVulnerableGroup { PersonId = p.Id, Group = g });
            if (age >= 45 && random.Next(100) < (age >= 65 ? 30 : 12))
            {
                Add(VulnerableGroup.ChronicDisease);
            }

            if (random.Next(1000) < 20)
            {
                Add(VulnerableGroup.Disabled);
            }

            if (random.Next(10_000) < 8)
            {
                Add(VulnerableGroup.Dialysis);
            }

            if (p.Sex == Sex.Female && age is >= 20 and <= 40 && random.Next(100) < 4)
            {
                Add(VulnerableGroup.Pregnant);
            }

            if (age >= 75 && random.Next(100) < 15)
            {
                Add(VulnerableGroup.SemiDependent);
            }

            if (age < 14 && grid.Settlement == Settlement.Rural && random.Next(100) < 12)
            {
                Add(VulnerableGroup.LeftBehindChild);
            }
        }

        var headAge = VulnerableGroups.Age(head.BirthDate!.Value, today);
        if (headAge >= 60 && h.Members.Count == 1)
        {
            h.Groups.Add(new PersonVulnerableGroup { PersonId = head.Id, Group = VulnerableGroup.LivingAlone });
        }
        else if (headAge >= 60 && h.Members.Count == 2 && random.Next(100) < 60)
        {
            h.Groups.AddRange(h.Members.Select(m => new PersonVulnerableGroup { PersonId = m.Id, Group = VulnerableGroup.EmptyNest }));
        }
    }

    private DateOnly AgeToBirth(Random random, int age) =>
        SyntheticIdNumbers.BirthDate(random, today, age, age);

    private static Sex Opposite(Sex sex) => sex == Sex.Male ? Sex.Female : Sex.Male;

    private static int Pick(Random random, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            if ((roll -= weights[i]) < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    /// <summary>A hash of a code that is the same in every process (string.GetHashCode is randomised per process).</summary>
    public static int StableHash(string code)
    {
        var hash = 17;
        foreach (var c in code)
        {
            hash = unchecked(hash * 31 + c);
        }

        return hash;
    }
}
