using GridGuard.Features.Households;

namespace GridGuard.Features.Policies;

/// <summary>
/// The special groups that turn CentralQuarantine into HomeQuarantine with daily visits (002 (十): “对 14 岁及以下
/// 儿童、孕产妇以及半自理或无自理能力等特殊人群可采取居家医学观察 … 每日上门”).
/// </summary>
public static class SpecialGroups
{
    public static readonly IReadOnlyList<VulnerableGroup> HomeInsteadOfCentral =
        [VulnerableGroup.Child14, VulnerableGroup.Pregnant, VulnerableGroup.SemiDependent];

    /// <summary>The person's groups for a plan: the declared ones plus those derived from the birth date at the anchor date.</summary>
    public static IReadOnlySet<VulnerableGroup> Of(IEnumerable<VulnerableGroup>? declared, DateOnly? birthDate, DateOnly anchor)
    {
        var groups = new HashSet<VulnerableGroup>(declared ?? []);
        groups.UnionWith(VulnerableGroups.DerivedFrom(birthDate, anchor));
        return groups;
    }

    /// <summary>Those of <paramref name="groups"/> that qualify for the exception, in a fixed order.</summary>
    public static IReadOnlyList<VulnerableGroup> Among(IEnumerable<VulnerableGroup>? groups)
    {
        var set = new HashSet<VulnerableGroup>(groups ?? []);
        return [.. HomeInsteadOfCentral.Where(set.Contains)];
    }
}
