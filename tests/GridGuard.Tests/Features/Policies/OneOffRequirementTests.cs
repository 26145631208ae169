using GridGuard.Features.Canvassing;
using GridGuard.Features.Policies;

using static GridGuard.Tests.Features.Policies.PolicyKit;

namespace GridGuard.Tests.Features.Policies;

/// <summary>
/// 2021-01 春节, Returnee from a Low area, arrival 2021-02-01: a negative test sampled within 7 days before arrival
/// (2021-01-25 … 2021-02-01) satisfies the rule; otherwise a test is due within 24 h of arrival (002, 004).
/// </summary>
public sealed class OneOffRequirementTests
{
    [Theory]
    [InlineData(null, null, "2021-02-01", OneOffOutcome.TestRequired, "2021-02-01(24h:2021-02-01)")]
    [InlineData("2021-01-25", true, "2021-02-01", OneOffOutcome.SatisfiedByProof, "")]                 // exactly 7 days before
    [InlineData("2021-02-01", true, "2021-02-01", OneOffOutcome.SatisfiedByProof, "")]                 // on the arrival day
    [InlineData("2021-01-24", true, "2021-02-01", OneOffOutcome.TestRequired, "2021-02-01(24h:2021-02-01)")] // 8 days: too old
    [InlineData("2021-02-02", true, "2021-02-02", OneOffOutcome.TestRequired, "2021-02-02=A(24h:2021-02-02)")] // after arrival: not “before”
    [InlineData(null, null, "2021-01-30", OneOffOutcome.TestRequired, "2021-02-01(24h:2021-02-01)")]   // reported ahead of arrival
    [InlineData(null, null, "2021-02-03", OneOffOutcome.TestRequired, "2021-02-03=A(24h:2021-02-03)")] // late: 24 h from 报备 (004)
    public void Compute_ReturneeFromLowArea_ProofOrTestWithin24Hours(
        string? proofDate, bool? negative, string registered, OneOffOutcome outcome, string tests)
    {
        var proof = proofDate is null ? null : new TestProof(D(proofDate), negative!.Value);

        var plan = Compute(Chunjie, KeyPersonCategory.Returnee, RiskLevel.Low, "2021-02-01", registered, proof: proof);

        Assert.Equal((outcome, "Returnee:Low", false), (plan.OneOff, plan.RuleId, plan.ManualDecisionRequired));
        Assert.Equal(tests, Due(plan));
        Assert.Empty(plan.Phases);
        Assert.Null(plan.End);
    }

    [Fact]
    public void Compute_PositiveProof_TestRequiredAndManualDecision()
    {
        var plan = Compute(Chunjie, KeyPersonCategory.Returnee, RiskLevel.Low, "2021-02-01",
            proof: new TestProof(D("2021-01-30"), Negative: false));

        Assert.Equal(OneOffOutcome.TestRequired, plan.OneOff);
        Assert.True(plan.ManualDecisionRequired);
        Assert.Equal("申报的核酸检测（2021-01-30）结果不是阴性，需人工决定", plan.ManualDecisionReason);
        Assert.Equal("Returnee:Low", plan.RuleId);
    }
}
