using GridGuard.Features.Canvassing;
using GridGuard.Features.Policies;

using static GridGuard.Tests.Features.Policies.PolicyKit;

namespace GridGuard.Tests.Features.Policies;

/// <summary>
/// Switching from the 2021-01 春节 rulebook (contacts: 14 days central) to 2022-11 新平 (5 central + 3 home) on
/// 2022-11-25: the diff per open plan, old and new end dates and test days.
/// </summary>
public sealed class PolicyChangeTests
{
    [Theory]
    // Anchor 11-20: new tests 11-21 (already scheduled: kept), 11-22 and 11-23 (never scheduled, passed: collapse into
    // the switch day, merged with 11-25), 11-26, 11-28.
    [InlineData("2022-11-20", "2022-12-04", "2022-11-21 2022-12-04", "2022-11-28", "2022-11-21 2022-11-25 2022-11-26 2022-11-28")]
    // Anchor 11-10: the new plan already ended on 11-18; its unscheduled tests become one test on the switch day.
    [InlineData("2022-11-10", "2022-11-24", "2022-11-11 2022-11-24", "2022-11-18", "2022-11-11 2022-11-25")]
    // Anchor 11-24: nothing of the new schedule has passed.
    [InlineData("2022-11-24", "2022-12-08", "2022-11-25 2022-12-08", "2022-12-02", "2022-11-25 2022-11-26 2022-11-27 2022-11-29 2022-11-30 2022-12-02")]
    public void Diff_ContactsFrom14To5Plus3_OldAndNewEndAndTests(string anchor, string oldEnd, string oldTests, string newEnd, string newTests)
    {
        var current = Compute(Chunjie, KeyPersonCategory.CloseContact, null, anchor);

        var change = PolicyChange.Diff(current, Named(Xinping), D("2022-11-25"));

        Assert.Equal((D(oldEnd), oldTests), (change.OldEnd, Days(change.OldTestDays)));
        Assert.Equal((D(newEnd), newTests), (change.NewEnd, Days(change.NewTestDays)));
        Assert.True(change.Changed);
        Assert.Equal((Xinping, 1, "CloseContact"), (change.Next.PolicyName, change.Next.PolicyVersion, change.Next.RuleId));
    }

    [Fact]
    public void Diff_SameRulebook_NothingChanges()
    {
        var current = Compute(Chunjie, KeyPersonCategory.CloseContact, null, "2022-11-10", "2022-11-13");

        var change = PolicyChange.Diff(current, Named(Chunjie), D("2022-11-25"));

        Assert.False(change.Changed);
        Assert.Equal(Days(change.OldTestDays), Days(change.NewTestDays));
    }

    [Fact]
    public void Diff_NewRulebookWithoutTheRule_ManualDecisionShown()
    {
        var current = Compute(Chunjie, KeyPersonCategory.Returnee, RiskLevel.Medium, "2022-11-20");

        var change = PolicyChange.Diff(current, Named(Xinping), D("2022-11-25"));

        Assert.True(change.Changed);
        Assert.True(change.Next.ManualDecisionRequired);
        Assert.Null(change.NewEnd);
        Assert.Empty(change.NewTestDays);
        Assert.Equal(D("2022-12-04"), change.OldEnd);
    }
}
