using System.Globalization;
using GridGuard.Features.Households;

namespace GridGuard.Features.Demo;

/// <summary>Valid resident ID numbers for synthetic people, from a seeded <see cref="Random"/> (deterministic).</summary>
public static class SyntheticIdNumbers
{
    /// <summary>
    /// A valid 18-character number of a person born in <paramref name="region"/> (6-digit division code)
    /// on <paramref name="birth"/>, of the given sex.
    /// </summary>
    public static string Make(Random random, string region, DateOnly birth, Sex sex)
    {
        var sequence = random.Next(0, 100) * 10 + (random.Next(0, 5) * 2 + (sex == Sex.Male ? 1 : 0));
        var body = region + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            + sequence.ToString("000", CultureInfo.InvariantCulture);
        return body + IdNumbers.CheckChar(body);
    }

    /// <summary>A birth date between <paramref name="minAge"/> and <paramref name="maxAge"/> years before today.</summary>
    public static DateOnly BirthDate(Random random, DateOnly today, int minAge, int maxAge)
    {
        var earliest = today.AddYears(-maxAge - 1).AddDays(1);
        var latest = today.AddYears(-minAge);
        return earliest.AddDays(random.Next(0, latest.DayNumber - earliest.DayNumber + 1));
    }
}
