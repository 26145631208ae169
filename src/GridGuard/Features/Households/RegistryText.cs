using System.Text.RegularExpressions;

namespace GridGuard.Features.Households;

/// <summary>Chinese labels and small pure rules of the registry's forms and lists (DOMAIN.md §2).</summary>
public static partial class RegistryText
{
    /// <summary>与户主关系: the choices offered by the forms.</summary>
    public static readonly IReadOnlyList<string> Relations =
        ["户主", "配偶", "子女", "父母", "兄弟姐妹", "孙辈", "其他亲属", "租户", "其他"];

    public const string HeadRelation = "户主";

    /// <summary>Vulnerable groups that are recorded by hand (the age groups are derived, never stored).</summary>
    public static readonly IReadOnlyList<VulnerableGroup> RecordedGroups =
        Enum.GetValues<VulnerableGroup>().Where(g => !VulnerableGroups.Derived.Contains(g)).ToList();

    public static string ResidencyLabel(Residency residency) => residency switch
    {
        Residency.Registered => "户籍",
        Residency.Permanent => "常住",
        Residency.Floating => "流动",
        Residency.Tenant => "租户",
        _ => residency.ToString(),
    };

    public static string StatusLabel(PersonStatus status) => status switch
    {
        PersonStatus.Active => "在册",
        PersonStatus.MovedOut => "已迁出",
        PersonStatus.Deceased => "已故",
        _ => status.ToString(),
    };

    /// <summary>
    /// A mainland mobile number: 11 digits starting with 1[3-9]. Spaces and dashes are dropped and a +86 prefix
    /// is removed. Returns the normalised number, or null with a Chinese error naming <paramref name="field"/>.
    /// Empty input is "no phone" (null, no error).
    /// </summary>
    public static (string? Phone, string? Error) NormalizePhone(string? input, string field = "手机号码")
    {
        var s = (input ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (s.Length == 0)
        {
            return (null, null);
        }

        if (s.StartsWith("+86", StringComparison.Ordinal))
        {
            s = s[3..];
        }
        else if (s.Length == 13 && s.StartsWith("86", StringComparison.Ordinal))
        {
            s = s[2..];
        }

        return Mobile().IsMatch(s)
            ? (s, null)
            : (null, $"{field}：应为 11 位手机号码（1 开头，第二位为 3–9），实际为“{Shorten(input!)}”");
    }

    /// <summary>Parses an enum by its English name (case-insensitive) or its Chinese label; numbers are refused.</summary>
    public static bool TryParse<T>(string? text, Func<T, string> label, out T value)
        where T : struct, Enum
    {
        var t = (text ?? "").Trim();
        if (Enum.TryParse(t, ignoreCase: true, out value) && !int.TryParse(t, out _) && Enum.IsDefined(value))
        {
            return true;
        }

        foreach (var v in Enum.GetValues<T>())
        {
            if (label(v) == t)
            {
                value = v;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Household address as people say it: the free text, then unit and room.</summary>
    public static string Address(string? address, string? unit, string? room)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(address))
        {
            parts.Add(address.Trim());
        }

        if (!string.IsNullOrWhiteSpace(unit))
        {
            parts.Add(unit.All(char.IsAsciiDigit) ? unit + "单元" : unit);
        }

        if (!string.IsNullOrWhiteSpace(room))
        {
            parts.Add(room.All(char.IsAsciiDigit) ? room + "室" : room);
        }

        return parts.Count == 0 ? "（无地址）" : string.Join(" ", parts);
    }

    private static string Shorten(string s) => s.Length <= 20 ? s : s[..20] + "…";

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex Mobile();
}
