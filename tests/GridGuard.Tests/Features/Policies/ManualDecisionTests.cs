using GridGuard.Features.Canvassing;
using GridGuard.Features.Policies;

using static GridGuard.Tests.Features.Policies.PolicyKit;

namespace GridGuard.Tests.Features.Policies;

/// <summary>DOMAIN.md §5: a category with no rule in the policy in force gets “manual decision required”, never nothing.</summary>
public sealed class ManualDecisionTests
{
    [Theory]
    [InlineData(KeyPersonCategory.FromEpidemicArea)]
    [InlineData(KeyPersonCategory.Suspected)]
    [InlineData(KeyPersonCategory.Fever)]
    [InlineData(KeyPersonCategory.SecondaryContact)]
    [InlineData(KeyPersonCategory.Spillover)]
    [InlineData(KeyPersonCategory.ColdChainWorker)]
    [InlineData(KeyPersonCategory.WorkStudyReturnee)]
    [InlineData(KeyPersonCategory.Outbound)]
    public void Compute_CategoryWithoutRule_ManualDecisionWithPolicyAndNoMeasures(KeyPersonCategory category)
    {
        var plan = Compute(Chunjie, category, null, "2021-02-01");

        Assert.True(plan.ManualDecisionRequired);
        Assert.Equal($"管控规则“2021-01 春节”第 1 版没有适用于{category.Label()}的规则，需人工决定", plan.ManualDecisionReason);
        Assert.Equal((Chunjie, 1, (string?)null), (plan.PolicyName, plan.PolicyVersion, plan.RuleId));
        Assert.Empty(plan.Phases);
        Assert.Empty(plan.Tests);
    }

    [Theory]
    [InlineData(Xinping, RiskLevel.Medium, "管控规则“2022-11 新平”第 1 版没有适用于返乡人员（中风险）的规则，需人工决定")]
    [InlineData(Chunjie, null, "管控规则“2021-01 春节”第 1 版没有适用于返乡人员（风险等级未知）的规则，需人工决定")]
    public void Compute_ReturneeWithoutMatchingLevel_ManualDecision(string policy, RiskLevel? level, string reason)
    {
        var plan = Compute(policy, KeyPersonCategory.Returnee, level, "2023-01-01");

        Assert.True(plan.ManualDecisionRequired);
        Assert.Equal(reason, plan.ManualDecisionReason);
    }

    [Fact]
    public void Compute_NoPolicyInForceOnTheAnchorDate_ManualDecision()
    {
        var plan = PlanCalculator.Compute(new PlanInput(KeyPersonCategory.CloseContact, null, D("2020-02-21"), D("2020-02-21")), Shipped);

        Assert.True(plan.ManualDecisionRequired);
        Assert.Equal("没有在 2020-02-21 生效的管控规则，需人工决定", plan.ManualDecisionReason);
        Assert.Null(plan.PolicyName);
        Assert.Empty(plan.Tests);
    }
}
