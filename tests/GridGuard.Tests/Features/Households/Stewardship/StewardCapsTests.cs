using GridGuard.Features.Households.Stewardship;
using GridGuard.Features.Jurisdictions;

namespace GridGuard.Tests.Features.Households.Stewardship;

public sealed class StewardCapsTests
{
    [Theory]
    // Urban: about 10 households, warn above 12 (DOMAIN.md §3) — the 12th is fine, the 13th warns but is assigned.
    [InlineData(Settlement.Urban, 0, 12, 20, false, CapOutcome.Ok, 1)]
    [InlineData(Settlement.Urban, 11, 12, 20, false, CapOutcome.Ok, 12)]
    [InlineData(Settlement.Urban, 12, 12, 20, false, CapOutcome.Warned, 13)]
    [InlineData(Settlement.Urban, 30, 12, 20, false, CapOutcome.Warned, 31)]
    // Urban never refuses, even far above the rural maximum.
    [InlineData(Settlement.Urban, 25, 12, 20, false, CapOutcome.Warned, 26)]
    // Rural: at most 20 — the 20th is fine, the 21st is refused and the count stays.
    [InlineData(Settlement.Rural, 19, 12, 20, false, CapOutcome.Ok, 20)]
    [InlineData(Settlement.Rural, 20, 12, 20, false, CapOutcome.Refused, 20)]
    [InlineData(Settlement.Rural, 13, 12, 20, false, CapOutcome.Ok, 14)]
    // The county override lets the 21st through, with a warning.
    [InlineData(Settlement.Rural, 20, 12, 20, true, CapOutcome.Warned, 21)]
    // The county may change the levels.
    [InlineData(Settlement.Urban, 5, 5, 20, false, CapOutcome.Warned, 6)]
    [InlineData(Settlement.Rural, 15, 12, 15, false, CapOutcome.Refused, 15)]
    // A tree without settlements is treated as urban: warn, never block the work.
    [InlineData(null, 12, 12, 20, false, CapOutcome.Warned, 13)]
    [InlineData(null, 40, 12, 20, false, CapOutcome.Warned, 41)]
    public void Check_Table_GivesOutcomeAndCount(
        Settlement? settlement, int current, int warnAbove, int ruralMax, bool overrideOn, CapOutcome expected, int newCount)
    {
        var options = new StewardshipOptions { UrbanWarnAbove = warnAbove, RuralMax = ruralMax, RuralOverride = overrideOn };

        var check = StewardCaps.Check(settlement, current, options);

        Assert.Equal((expected, newCount), (check.Outcome, check.NewCount));
        Assert.Equal(expected == CapOutcome.Ok, check.Message is null);
    }

    [Fact]
    public void Check_RuralRefusal_SaysWhyInChineseNamingTheField()
    {
        var check = StewardCaps.Check(Settlement.Rural, 20, new StewardshipOptions());

        Assert.StartsWith("包户责任人：", check.Message, StringComparison.Ordinal);
        Assert.Contains("最多 20 户", check.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Settlement.Urban, 12, false)]
    [InlineData(Settlement.Urban, 13, true)]
    [InlineData(Settlement.Rural, 19, false)]
    [InlineData(Settlement.Rural, 20, true)]
    public void IsOver_Table_BadgesAboveWarnLevelOrAtRuralMax(Settlement settlement, int count, bool expected) =>
        Assert.Equal(expected, StewardCaps.IsOver(settlement, count, new StewardshipOptions()));

    [Theory]
    [InlineData("/530427/", new[] { "/530427/" })]
    [InlineData("/530427/530427100/530427100200/", new[] { "/530427/", "/530427/530427100/", "/530427/530427100/530427100200/" })]
    public void AncestorOrSelfPaths_Table(string path, string[] expected) =>
        Assert.Equal(expected, StewardQueries.AncestorOrSelfPaths(path));
}
