using GridGuard.Features.Canvassing;
using GridGuard.Features.Households;
using GridGuard.Features.Policies;

using static GridGuard.Tests.Features.Policies.PolicyKit;

namespace GridGuard.Tests.Features.Policies;

/// <summary>
/// DOMAIN.md §5 / seed 002 (十): where the rule gives CentralQuarantine and the person is Child14, Pregnant or
/// SemiDependent, the plan proposes HomeQuarantine with daily visits, same days, same test days, as an exception.
/// </summary>
public sealed class SpecialGroupTests
{
    private const string XinpingTests = "2022-12-02 2022-12-03 2022-12-04 2022-12-06 2022-12-07 2022-12-09";

    [Theory]
    [InlineData(VulnerableGroup.Child14)]
    [InlineData(VulnerableGroup.Pregnant)]
    [InlineData(VulnerableGroup.SemiDependent)]
    public void Compute_SpecialGroupUnderCentralRule_HomeWithDailyVisitsSameDaysAndTests(VulnerableGroup group)
    {
        var plan = Compute(Xinping, KeyPersonCategory.CloseContact, null, "2022-12-01", groups: [group]);

        Assert.Equal("HomeQuarantine 2022-12-02..2022-12-06 x2 visits; HomeQuarantine 2022-12-07..2022-12-09 x2", Phases(plan));
        Assert.Equal(XinpingTests, Due(plan));
        Assert.Equal([group], plan.Exception?.Groups);
        Assert.False(plan.Exception?.Overridden);
        Assert.Equal(PhaseKind.CentralQuarantine, plan.Phases[0].RuleKind); // what the rule said is kept
        Assert.Equal("CloseContact", plan.RuleId);
        Assert.False(plan.ManualDecisionRequired);
    }

    [Theory]
    [InlineData(VulnerableGroup.Elderly80)]
    [InlineData(VulnerableGroup.Dialysis)]
    [InlineData(VulnerableGroup.Disabled)]
    [InlineData(VulnerableGroup.ChronicDisease)]
    public void Compute_OtherVulnerableGroup_NoException(VulnerableGroup group)
    {
        var plan = Compute(Xinping, KeyPersonCategory.CloseContact, null, "2022-12-01", groups: [group]);

        Assert.Null(plan.Exception);
        Assert.Equal(PhaseKind.CentralQuarantine, plan.Phases[0].Kind);
    }

    [Fact]
    public void Compute_StaffOverrideTheException_CentralKeptAndMarkedOverridden()
    {
        var plan = Compute(Xinping, KeyPersonCategory.CloseContact, null, "2022-12-01",
            groups: [VulnerableGroup.SemiDependent, VulnerableGroup.Pregnant], keepCentral: true);

        Assert.Equal("CentralQuarantine 2022-12-02..2022-12-06 x2; HomeQuarantine 2022-12-07..2022-12-09 x2", Phases(plan));
        Assert.Equal(XinpingTests, Due(plan));
        Assert.Equal([VulnerableGroup.Pregnant, VulnerableGroup.SemiDependent], plan.Exception?.Groups);
        Assert.True(plan.Exception?.Overridden);
    }

    [Fact]
    public void Compute_SpecialGroupUnderHomeRule_NoException()
    {
        var plan = Compute(Chunjie, KeyPersonCategory.Returnee, RiskLevel.Medium, "2021-02-01", groups: [VulnerableGroup.Pregnant]);

        Assert.Null(plan.Exception);
        Assert.Equal("HomeQuarantine 2021-02-02..2021-02-15 x2", Phases(plan));
    }

    [Fact]
    public void Compute_SpecialGroupCentralThenMonitoring_OnlyTheCentralPhaseChanges()
    {
        var plan = Compute(Chunjie, KeyPersonCategory.InboundTraveler, null, "2021-02-01", groups: [VulnerableGroup.Child14]);

        Assert.Equal("HomeQuarantine 2021-02-02..2021-02-15 x2 visits; HomeHealthMonitoring 2021-02-16..2021-02-22 x1", Phases(plan));
        Assert.Equal("2021-02-02 2021-02-08 2021-02-15", Due(plan));
    }

    [Theory]
    [InlineData("2008-02-01", true)]  // 14th birthday on the anchor date: 14 岁及以下
    [InlineData("2007-02-02", true)]  // 15 tomorrow
    [InlineData("2007-02-01", false)] // 15 on the anchor date
    [InlineData(null, false)]         // no birth date known
    public void Of_BirthDate_Child14AtTheAnchorDate(string? birth, bool child14)
    {
        var groups = SpecialGroups.Of([VulnerableGroup.Disabled], birth is null ? null : D(birth), D("2022-02-01"));

        Assert.Equal(child14, groups.Contains(VulnerableGroup.Child14));
        Assert.Contains(VulnerableGroup.Disabled, groups);
    }
}
