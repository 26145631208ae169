namespace GridGuard.Features.Households;

/// <summary>特殊群体 (DOMAIN.md §2). The age groups are derived from the birth date, never stored.</summary>
public enum VulnerableGroup
{
    /// <summary>60 岁以上老人 (derived).</summary>
    Elderly60,

    /// <summary>80 岁以上高龄老人 (derived).</summary>
    Elderly80,
    ChronicDisease,
    Pregnant,
    Dialysis,
    Disabled,
    LivingAlone,
    EmptyNest,
    LeftBehindChild,

    /// <summary>3 岁以下婴幼儿 (derived).</summary>
    Infant,

    /// <summary>14 岁及以下儿童 (derived).</summary>
    Child14,

    /// <summary>半自理 / 不能自理.</summary>
    SemiDependent,
}

public static class VulnerableGroups
{
    public static readonly IReadOnlySet<VulnerableGroup> Derived = new HashSet<VulnerableGroup>
    {
        VulnerableGroup.Elderly60, VulnerableGroup.Elderly80, VulnerableGroup.Infant, VulnerableGroup.Child14,
    };

    public static string Label(this VulnerableGroup group) => group switch
    {
        VulnerableGroup.Elderly60 => "60岁以上老人",
        VulnerableGroup.Elderly80 => "80岁以上高龄老人",
        VulnerableGroup.ChronicDisease => "慢性病患者",
        VulnerableGroup.Pregnant => "孕产妇",
        VulnerableGroup.Dialysis => "透析患者",
        VulnerableGroup.Disabled => "残疾人",
        VulnerableGroup.LivingAlone => "独居老人",
        VulnerableGroup.EmptyNest => "空巢老人",
        VulnerableGroup.LeftBehindChild => "留守儿童",
        VulnerableGroup.Infant => "婴幼儿（3岁以下）",
        VulnerableGroup.Child14 => "儿童（14岁及以下）",
        VulnerableGroup.SemiDependent => "半自理/不能自理",
        _ => group.ToString(),
    };

    /// <summary>Full years of age on <paramref name="today"/>.</summary>
    public static int Age(DateOnly birth, DateOnly today)
    {
        var age = today.Year - birth.Year;
        return birth.AddYears(age) > today ? age - 1 : age;
    }

    /// <summary>The derived age groups of a person born on <paramref name="birth"/>, as of <paramref name="today"/>.</summary>
    public static IEnumerable<VulnerableGroup> DerivedFrom(DateOnly? birth, DateOnly today)
    {
        if (birth is not { } b)
        {
            yield break;
        }

        var age = Age(b, today);
        if (age >= 80)
        {
            yield return VulnerableGroup.Elderly80;
        }

        if (age >= 60)
        {
            yield return VulnerableGroup.Elderly60;
        }

        if (age < 3)
        {
            yield return VulnerableGroup.Infant;
        }

        if (age <= 14)
        {
            yield return VulnerableGroup.Child14;
        }
    }
}
