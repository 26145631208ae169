using GridGuard.Features.Canvassing;
using GridGuard.Features.Policies;

using static GridGuard.Tests.Features.Policies.PolicyKit;

namespace GridGuard.Tests.Features.Policies;

/// <summary>Every row of the DOMAIN.md §5 rulebook table, computed from the shipped JSON with exact dates.</summary>
public sealed class PlanCalculatorTableTests
{
    [Theory]
    // 2022-11 新平 (000): contacts 5 central (tests 1,2,3,5 by default) then 3 home (tests home days 1,3 per the seed);
    // home day 1 is plan day 6.
    [InlineData(Xinping, KeyPersonCategory.CloseContact, null, "2022-12-01", "CloseContact",
        "CentralQuarantine 2022-12-02..2022-12-06 x2; HomeQuarantine 2022-12-07..2022-12-09 x2",
        "2022-12-02 2022-12-03 2022-12-04 2022-12-06 2022-12-07 2022-12-09")]
    [InlineData(Xinping, KeyPersonCategory.Spillover, RiskLevel.High, "2022-12-01", "Spillover",
        "HomeQuarantine 2022-12-02..2022-12-08 x2", "2022-12-02 2022-12-04 2022-12-06 2022-12-08")]
    // 2021-01 春节 (004, 002)
    [InlineData(Chunjie, KeyPersonCategory.Returnee, RiskLevel.High, "2021-02-01", "Returnee:High",
        "CentralQuarantine 2021-02-02..2021-02-15 x2", "2021-02-02 2021-02-08 2021-02-15")]
    [InlineData(Chunjie, KeyPersonCategory.Returnee, RiskLevel.Medium, "2021-02-01", "Returnee:Medium",
        "HomeQuarantine 2021-02-02..2021-02-15 x2", "2021-02-02 2021-02-15")]
    [InlineData(Chunjie, KeyPersonCategory.Returnee, RiskLevel.Low, "2021-02-01", "Returnee:Low",
        "", "2021-02-01(24h:2021-02-01)")] // no proof: a test within 24 h of arrival
    [InlineData(Chunjie, KeyPersonCategory.CloseContact, null, "2021-02-01", "CloseContact",
        "CentralQuarantine 2021-02-02..2021-02-15 x2", "2021-02-02 2021-02-15")]
    [InlineData(Chunjie, KeyPersonCategory.InboundTraveler, null, "2021-02-01", "InboundTraveler",
        "CentralQuarantine 2021-02-02..2021-02-15 x2; HomeHealthMonitoring 2021-02-16..2021-02-22 x1",
        "2021-02-02 2021-02-08 2021-02-15")]
    // 2020-02 南昌 (001): home 14 days, 2 checks a day, no tests stated; 2020 is a leap year (02-29 counts).
    [InlineData(Nanchang, KeyPersonCategory.FromEpidemicArea, null, "2020-02-25", "FromEpidemicArea",
        "HomeQuarantine 2020-02-26..2020-03-10 x2", "")]
    [InlineData(Nanchang, KeyPersonCategory.CloseContact, null, "2020-02-25", "CloseContact",
        "HomeQuarantine 2020-02-26..2020-03-10 x2", "")]
    public void Compute_EveryRowOfTheRulebookTable_PhaseAndTestDates(
        string policy, KeyPersonCategory category, RiskLevel? level, string anchor, string rule, string phases, string tests)
    {
        // The policy is chosen from all three by the anchor date, as a real plan is.
        var plan = PlanCalculator.Compute(new PlanInput(category, level, D(anchor), D(anchor)), Shipped);

        Assert.Equal((policy, 1, rule, false), (plan.PolicyName, plan.PolicyVersion, plan.RuleId, plan.ManualDecisionRequired));
        Assert.Equal(phases, Phases(plan));
        Assert.Equal(tests, Due(plan));
        Assert.Null(plan.Exception);
    }

    [Theory]
    [InlineData(Xinping, KeyPersonCategory.CloseContact, RiskLevel.High, "CloseContact")] // contacts: level does not matter
    [InlineData(Xinping, KeyPersonCategory.Spillover, null, "Spillover")]               // the category implies High
    [InlineData(Chunjie, KeyPersonCategory.InboundTraveler, RiskLevel.Low, "InboundTraveler")]
    [InlineData(Nanchang, KeyPersonCategory.FromEpidemicArea, RiskLevel.Medium, "FromEpidemicArea")]
    public void Compute_AnyLevelRule_MatchesEveryLevel(string policy, KeyPersonCategory category, RiskLevel? level, string rule)
    {
        var plan = Compute(policy, category, level, "2023-01-01");

        Assert.Equal(rule, plan.RuleId);
        Assert.False(plan.ManualDecisionRequired);
    }

    [Fact]
    public void Compute_Phases_EndIsTheLastPhaseEndAndPhaseOnFindsTheDay()
    {
        var plan = Compute(Xinping, KeyPersonCategory.CloseContact, null, "2022-12-01");

        Assert.Equal(D("2022-12-09"), plan.End);
        Assert.Null(plan.PhaseOn(D("2022-12-01")));                              // day 0 is the anchor, not the plan
        Assert.Equal(1, plan.PhaseOn(D("2022-12-06"))?.Number);                    // central day 5
        Assert.Equal(PhaseKind.HomeQuarantine, plan.PhaseOn(D("2022-12-07"))?.Kind); // home day 1 = plan day 6
        Assert.Null(plan.PhaseOn(D("2022-12-10")));
        Assert.Equal([5, 3], plan.Phases.Select(p => p.Days));
    }
}
