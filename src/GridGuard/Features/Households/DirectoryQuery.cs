using System.Text.RegularExpressions;

namespace GridGuard.Features.Households;

/// <summary>What one search box means, decided by the input's shape (DOMAIN.md §2).</summary>
public enum SearchKind
{
    /// <summary>Nothing typed: list everything in scope.</summary>
    All,

    /// <summary>An identity number, matched exactly after normalising (a 15-digit number finds the 18-digit one).</summary>
    IdNumber,

    /// <summary>A phone number, matched exactly after normalising.</summary>
    Phone,

    /// <summary>Free text: a name prefix (and, for households, a part of the address).</summary>
    Text,
}

public sealed partial record DirectoryQuery(SearchKind Kind, string Value)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public string Label => Kind switch
    {
        SearchKind.IdNumber => "按证件号码",
        SearchKind.Phone => "按电话号码",
        SearchKind.Text => "按姓名或地址",
        _ => "全部",
    };

    public static int ClampLimit(int? limit) => Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);

    /// <summary>
    /// 15 digits, or 17 digits and a check character: a resident ID (normalised by <see cref="IdNumbers.Check"/>).
    /// 7–14 digits (with optional +86, spaces, dashes): a phone. Letters mixed with digits (5+ characters): another
    /// kind of identity number (passport, permit). Anything else: text.
    /// </summary>
    public static DirectoryQuery Parse(string? q, DateOnly today)
    {
        var text = (q ?? "").Trim();
        if (text.Length == 0)
        {
            return new(SearchKind.All, "");
        }

        var compact = text.Replace(" ", "", StringComparison.Ordinal);
        if (ResidentId().IsMatch(compact))
        {
            var check = IdNumbers.Check(IdType.ResidentIdCard, compact, today);
            return new(SearchKind.IdNumber, check.Normalized ?? compact.ToUpperInvariant());
        }

        var digits = compact.Replace("-", "", StringComparison.Ordinal);
        if (PhoneLike().IsMatch(digits))
        {
            var (phone, _) = RegistryText.NormalizePhone(digits);
            return new(SearchKind.Phone, phone ?? (digits.StartsWith("+86", StringComparison.Ordinal) ? digits[3..] : digits));
        }

        if (OtherId().IsMatch(compact) && compact.Any(char.IsAsciiDigit) && compact.Any(char.IsAsciiLetter))
        {
            return new(SearchKind.IdNumber, compact.ToUpperInvariant());
        }

        return new(SearchKind.Text, text.Length > 50 ? text[..50] : text);
    }

    [GeneratedRegex("^([0-9]{15}|[0-9]{17}[0-9Xx])$")]
    private static partial Regex ResidentId();

    [GeneratedRegex(@"^(\+86)?[0-9]{7,14}$")]
    private static partial Regex PhoneLike();

    [GeneratedRegex(@"^[A-Za-z0-9()\-]{5,32}$")]
    private static partial Regex OtherId();
}
