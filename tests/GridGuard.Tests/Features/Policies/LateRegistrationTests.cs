using GridGuard.Features.Canvassing;
using GridGuard.Features.Policies;

using static GridGuard.Tests.Features.Policies.PolicyKit;

namespace GridGuard.Tests.Features.Policies;

/// <summary>
/// DOMAIN.md §5: tests due before registration collapse into ONE test on the registration day, merged with any
/// test already due that day; phases that ended before registration are elapsed.
/// 2022-11 新平 CloseContact, anchor 2022-12-01: central 12-02..12-06 (tests 1.1 12-02, 1.2 12-03, 1.3 12-04,
/// 1.5 12-06), home 12-07..12-09 (tests 2.1 12-07, 2.3 12-09).
/// </summary>
public sealed class LateRegistrationTests
{
    private const string Central = "CentralQuarantine 2022-12-02..2022-12-06 x2";
    private const string Home = "HomeQuarantine 2022-12-07..2022-12-09 x2";

    [Theory]
    [InlineData("2022-11-28", Central + "; " + Home, "2022-12-02 2022-12-03 2022-12-04 2022-12-06 2022-12-07 2022-12-09")] // reported ahead
    [InlineData("2022-12-01", Central + "; " + Home, "2022-12-02 2022-12-03 2022-12-04 2022-12-06 2022-12-07 2022-12-09")] // on the anchor day
    [InlineData("2022-12-02", Central + "; " + Home, "2022-12-02 2022-12-03 2022-12-04 2022-12-06 2022-12-07 2022-12-09")] // due that day: not late
    [InlineData("2022-12-03", Central + "; " + Home, "2022-12-03=1.1+1.2 2022-12-04 2022-12-06 2022-12-07 2022-12-09")]    // merged with 1.2
    [InlineData("2022-12-05", Central + "; " + Home, "2022-12-05=1.1+1.2+1.3 2022-12-06 2022-12-07 2022-12-09")]          // no test due that day
    [InlineData("2022-12-06", Central + "; " + Home, "2022-12-06=1.1+1.2+1.3+1.5 2022-12-07 2022-12-09")]                 // last central day: not elapsed
    [InlineData("2022-12-07", Central + " elapsed; " + Home, "2022-12-07=1.1+1.2+1.3+1.5+2.1 2022-12-09")]
    [InlineData("2022-12-08", Central + " elapsed; " + Home, "2022-12-08=1.1+1.2+1.3+1.5+2.1 2022-12-09")]
    [InlineData("2022-12-15", Central + " elapsed; " + Home + " elapsed", "2022-12-15=1.1+1.2+1.3+1.5+2.1+2.3")] // after the end
    public void Compute_RegisteredLate_PastTestsCollapseIntoOneOnTheRegistrationDay(string registered, string phases, string tests)
    {
        var plan = Compute(Xinping, KeyPersonCategory.CloseContact, null, "2022-12-01", registered);

        Assert.Equal(phases, Phases(plan));
        Assert.Equal(tests, Due(plan));
        Assert.Equal(D("2022-12-09"), plan.End); // registration never moves the phases
    }

    [Fact]
    public void Compute_RegisteredLate_CatchUpTestKeepsTheOriginalDueDates()
    {
        var plan = Compute(Chunjie, KeyPersonCategory.Returnee, RiskLevel.High, "2021-02-01", "2021-02-10");

        Assert.Equal("2021-02-10=1.1+1.7 2021-02-15", Due(plan));
        var catchUp = plan.Tests[0];
        Assert.True(catchUp.CatchesUp);
        Assert.Equal([D("2021-02-02"), D("2021-02-08")], catchUp.Covers.Select(c => c.Due));
        Assert.False(plan.Tests[1].CatchesUp);
    }
}
