using System.Globalization;

namespace GridGuard.Features.Households;

/// <summary>The outcome of checking an identity number: the normalised number and what it tells, or a Chinese reason.</summary>
public sealed record IdCheck(bool Valid, string? Normalized, DateOnly? BirthDate, Sex? Sex, string? Error)
{
    public static IdCheck Fail(string error) => new(false, null, null, null, error);
}

/// <summary>
/// Identity numbers (DOMAIN.md §2), as pure functions. A resident ID card (GB 11643-1999) has 17 digits and a check
/// character "10X98765432"[Σ dᵢ·wᵢ mod 11]; characters 7–14 are a real birth date not after today; the 17th digit
/// is odd for men; the first two digits are a province that exists. Lower-case x is accepted and stored upper-case.
/// A 15-digit first-generation number becomes 18 digits: "19" goes before the year, then the check is computed.
/// </summary>
public static class IdNumbers
{
    public const int MaxLength = 32;

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    /// <summary>GB/T 2260 province-level codes: the 31 mainland ones, Taiwan (71), Hong Kong (81) and Macao (82).</summary>
    public static readonly IReadOnlySet<string> Provinces = new HashSet<string>
    {
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82",
    };

    /// <summary>Checks and normalises a number of any type. <paramref name="today"/> is the county's today.</summary>
    public static IdCheck Check(IdType type, string? number, DateOnly today)
    {
        var n = (number ?? "").Trim();
        if (n.Length == 0)
        {
            return IdCheck.Fail("证件号码：不能为空");
        }

        if (type == IdType.ResidentIdCard)
        {
            return CheckResidentIdCard(n, today);
        }

        if (n.Length > MaxLength)
        {
            return IdCheck.Fail($"证件号码：不能超过 {MaxLength} 个字符");
        }

        if (!n.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '(' or ')'))
        {
            return IdCheck.Fail("证件号码：只能包含字母、数字和 -()");
        }

        return new IdCheck(true, n.ToUpperInvariant(), null, null, null);
    }

    public static IdCheck CheckResidentIdCard(string number, DateOnly today)
    {
        var n = number.Trim().ToUpperInvariant();
        if (n.Length == 15)
        {
            if (!n.All(char.IsAsciiDigit))
            {
                return IdCheck.Fail("身份证号码：15 位旧号码只能由数字组成");
            }

            var body = n[..6] + "19" + n[6..];
            n = body + CheckChar(body);
        }
        else if (n.Length != 18)
        {
            return IdCheck.Fail($"身份证号码：应为 18 位（或 15 位旧号码），实际 {n.Length} 位");
        }

        if (!n[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(n[17]) || n[17] == 'X'))
        {
            return IdCheck.Fail("身份证号码：前 17 位应为数字，最后一位为数字或 X");
        }

        if (!Provinces.Contains(n[..2]))
        {
            return IdCheck.Fail($"身份证号码：省份代码“{n[..2]}”不存在");
        }

        if (!DateOnly.TryParseExact(n[6..14], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1880)
        {
            return IdCheck.Fail($"身份证号码：出生日期“{n[6..14]}”不是有效日期");
        }

        if (birth > today)
        {
            return IdCheck.Fail($"身份证号码：出生日期 {birth:yyyy-MM-dd} 晚于今天");
        }

        if (CheckChar(n.AsSpan(0, 17)) != n[17])
        {
            return IdCheck.Fail("身份证号码：校验位不正确，请核对号码");
        }

        var sex = (n[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;
        return new IdCheck(true, n, birth, sex, null);
    }

    /// <summary>The ISO 7064 MOD 11-2 check character of the first 17 digits.</summary>
    public static char CheckChar(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckChars[sum % 11];
    }

    /// <summary>Masks a number for lists, exports and logs: the first 4 and last 4 characters stay (5304**********1234).</summary>
    public static string Mask(string? number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return "";
        }

        if (number.Length <= 8)
        {
            return new string('*', number.Length);
        }

        return string.Concat(number.AsSpan(0, 4), new string('*', number.Length - 8), number.AsSpan(number.Length - 4));
    }
}
