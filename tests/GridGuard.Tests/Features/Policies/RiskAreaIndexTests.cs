using GridGuard.Features.Policies;

using static GridGuard.Tests.Features.Policies.PolicyKit;

namespace GridGuard.Tests.Features.Policies;

/// <summary>
/// The risk of a trip (DOMAIN.md §5): the highest level in force at the place during the stay; stays are inclusive,
/// risk periods [from, to) exclude their end; the county rule (004); a stay matching nothing is Low.
/// </summary>
public sealed class RiskAreaIndexTests
{
    private static ListedArea Area(string code, RiskLevel level, string from, string? to, string? sub = null) =>
        new(Place.Of(code, sub), level, D(from), to is null ? null : D(to));

    private static Stay Stay(string code, string from, string to, string? sub = null) => new(Place.Of(code, sub), D(from), D(to));

    // 110105 朝阳区: township 110105001 Medium in January; 110105002 listed Low; 110105003 幸福小区 High.
    private static readonly RiskAreaIndex County = RiskAreaIndex.Build(
    [
        Area("110105001", RiskLevel.Medium, "2021-01-01", "2021-02-01"),
        Area("110105002", RiskLevel.Low, "2021-01-01", "2021-02-01"),
        Area("110105003", RiskLevel.High, "2021-01-10", "2021-01-20", "幸福小区"),
    ]);

    [Theory]
    [InlineData("110105001", null, RiskLevel.Medium, RiskBasis.Listed)]        // the listed township itself
    [InlineData("110105001001", null, RiskLevel.Medium, RiskBasis.Listed)]     // a village inside it
    [InlineData("110105", null, RiskLevel.Medium, RiskBasis.CountyRule)]       // only the county known: counts Medium
    [InlineData("110105004", null, RiskLevel.Medium, RiskBasis.CountyRule)]    // another township, not listed: counts Medium
    [InlineData("110105002", null, RiskLevel.Low, RiskBasis.Listed)]           // exactly listed Low: the county rule does not apply
    [InlineData("110105002", "某小区", RiskLevel.Medium, RiskBasis.CountyRule)] // a sub-area of it is not the exact place
    [InlineData("110106", null, RiskLevel.Low, RiskBasis.Unlisted)]            // another county, nothing listed
    [InlineData("110106001", null, RiskLevel.Low, RiskBasis.Unlisted)]
    public void Assess_CountyRule_MediumCountyCountsUnlistedLow(string code, string? sub, RiskLevel level, RiskBasis basis)
    {
        var risk = County.Assess(Stay(code, "2021-01-03", "2021-01-05", sub));

        Assert.Equal((level, basis), (risk.Level, risk.Basis));
    }

    [Theory]
    [InlineData("110105003", "幸福小区", RiskLevel.High, RiskBasis.Listed)]      // exact sub-area
    [InlineData("110105003", " 幸福 小区 ", RiskLevel.High, RiskBasis.Listed)]   // white space does not matter
    [InlineData("110105003", "安康小区", RiskLevel.High, RiskBasis.CountyRule)]  // another compound of that township
    [InlineData("110105003", null, RiskLevel.High, RiskBasis.CountyRule)]       // the township, compound unknown
    [InlineData("110105", null, RiskLevel.High, RiskBasis.CountyRule)]          // the highest in the county wins
    [InlineData("110105002", null, RiskLevel.Low, RiskBasis.Listed)]            // exactly listed Low stays Low
    public void Assess_SubAreaHighInForce_ExactOrCountyRule(string code, string? sub, RiskLevel level, RiskBasis basis)
    {
        var risk = County.Assess(Stay(code, "2021-01-12", "2021-01-12", sub));

        Assert.Equal((level, basis), (risk.Level, risk.Basis));
    }

    [Theory]
    [InlineData("2021-01-09", "2021-01-09", RiskLevel.Medium)] // the High compound not yet in force
    [InlineData("2021-01-09", "2021-01-10", RiskLevel.High)]   // its first day (from is inclusive)
    [InlineData("2021-01-19", "2021-01-19", RiskLevel.High)]   // its last day
    [InlineData("2021-01-20", "2021-01-25", RiskLevel.Medium)] // to is exclusive: lifted on 01-20
    [InlineData("2021-02-01", "2021-02-03", RiskLevel.Low)]    // Medium lifted on 02-01 (exclusive)
    [InlineData("2020-12-25", "2021-01-01", RiskLevel.Medium)] // a stay reaching into the period
    [InlineData("2020-12-25", "2020-12-31", RiskLevel.Low)]    // entirely before
    public void LevelOf_PeriodEdges_FromInclusiveToExclusive(string from, string to, RiskLevel level)
    {
        Assert.Equal(level, County.LevelOf(Stay("110105", from, to)));
    }

    [Theory]
    [InlineData("2021-03-01", "2021-03-03", RiskLevel.Medium)]
    [InlineData("2021-03-05", "2021-03-05", RiskLevel.High)]   // the High period overlaps the Medium one
    [InlineData("2021-03-07", "2021-03-07", RiskLevel.High)]
    [InlineData("2021-03-08", "2021-03-10", RiskLevel.Medium)] // High ended (exclusive), Medium still in force
    [InlineData("2021-03-01", "2021-03-31", RiskLevel.High)]   // a long stay: the highest in force at any time
    [InlineData("2021-04-01", "2021-04-01", RiskLevel.Low)]
    public void LevelOf_OverlappingPeriods_HighestInForce(string from, string to, RiskLevel level)
    {
        var index = RiskAreaIndex.Build(
        [
            Area("320102", RiskLevel.Medium, "2021-03-01", "2021-04-01"),
            Area("320102", RiskLevel.High, "2021-03-05", "2021-03-08"),
            Area("320102", RiskLevel.Low, "2021-02-01", null),
        ]);

        Assert.Equal(level, index.LevelOf(Stay("320102", from, to)));
    }

    [Theory]
    [InlineData("4201", "420106001", RiskLevel.High, RiskBasis.Listed)]   // a whole city listed covers its counties
    [InlineData("42", "420106", RiskLevel.High, RiskBasis.Listed)]        // a whole province too
    [InlineData("420106001", "4201", RiskLevel.High, RiskBasis.CountyRule)] // a stay known only by city: any area in it counts
    public void Assess_CoarseCodes_AncestorsCoverAndCoarseStaysUseTheirOwnCode(string area, string stay, RiskLevel level, RiskBasis basis)
    {
        var index = RiskAreaIndex.Build([Area(area, RiskLevel.High, "2020-01-23", null)]);

        var risk = index.Assess(Stay(stay, "2020-02-01", "2020-02-01"));

        Assert.Equal((level, basis), (risk.Level, risk.Basis));
        Assert.Equal(area, risk.Area?.Place.DivisionCode);
    }

    [Fact]
    public void LevelOf_Trip_HighestOverItsStaysAndNullWithoutStays()
    {
        Assert.Equal(RiskLevel.High, County.LevelOf(
        [
            Stay("110106", "2021-01-01", "2021-01-09"),
            Stay("110105003", "2021-01-15", "2021-01-15", "幸福小区"),
            Stay("110105002", "2021-01-16", "2021-01-20"),
        ]));
        Assert.Equal(RiskLevel.Low, County.LevelOf([Stay("110106", "2021-01-01", "2021-01-09")]));
        Assert.Null(County.LevelOf([]));
    }
}
