namespace GridGuard.Features.Jurisdictions.Import;

/// <summary>Pure rules for division codes (DOMAIN.md §1). No I/O.</summary>
public static class DivisionRules
{
    /// <summary>Digits an own level (compound, building, grid) adds to its parent's code.</summary>
    public const int OwnLevelDigits = 3;

    /// <summary>Exact code length of the national levels; null for own levels.</summary>
    public static int? NationalLength(JurisdictionLevel level) => level switch
    {
        JurisdictionLevel.Province => 2,
        JurisdictionLevel.City => 4,
        JurisdictionLevel.County => 6,
        JurisdictionLevel.Township => 9,
        JurisdictionLevel.Village => 12,
        _ => null,
    };

    /// <summary>Checks a code against its level and parent; returns a Chinese reason or null when fine.</summary>
    public static string? CheckCode(string code, JurisdictionLevel level, string? parentCode, JurisdictionLevel? parentLevel)
    {
        if (code.Length == 0)
        {
            return "代码不能为空";
        }

        if (code.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return $"代码“{code}”只能由数字组成";
        }

        if (NationalLength(level) is { } length)
        {
            if (code.Length != length)
            {
                return $"代码“{code}”长度应为 {length} 位（{level.Label()}）";
            }
        }
        else if (parentCode is not null && code.Length != parentCode.Length + OwnLevelDigits)
        {
            return $"代码“{code}”应为上级代码加 {OwnLevelDigits} 位";
        }
        else if (code.Length > Jurisdiction.CodeMaxLength)
        {
            return $"代码“{code}”超过 {Jurisdiction.CodeMaxLength} 位";
        }

        if (parentCode is not null && !code.StartsWith(parentCode, StringComparison.Ordinal))
        {
            return $"代码“{code}”不是上级代码“{parentCode}”的延伸";
        }

        if (parentLevel is { } pl && pl >= level)
        {
            return $"{level.Label()}不能位于{pl.Label()}之下";
        }

        return null;
    }

    /// <summary>社区 / 居委会 are urban, 村 is rural (DOMAIN.md §3).</summary>
    public static Settlement SettlementOf(string villageName) =>
        villageName.Contains("社区", StringComparison.Ordinal) || villageName.Contains("居委会", StringComparison.Ordinal)
            || villageName.Contains("居民委员会", StringComparison.Ordinal)
            ? Settlement.Urban
            : Settlement.Rural;
}
