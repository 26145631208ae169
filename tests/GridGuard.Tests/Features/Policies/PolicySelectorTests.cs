using GridGuard.Features.Policies;

using static GridGuard.Tests.Features.Policies.PolicyKit;

namespace GridGuard.Tests.Features.Policies;

public sealed class PolicySelectorTests
{
    [Theory]
    [InlineData("2020-02-21", null)]     // before the first rulebook
    [InlineData("2020-02-22", Nanchang)] // effective on its date
    [InlineData("2021-01-19", Nanchang)]
    [InlineData("2021-01-20", Chunjie)]
    [InlineData("2022-11-24", Chunjie)]
    [InlineData("2022-11-25", Xinping)]
    [InlineData("2030-01-01", Xinping)]
    public void InForce_ShippedRulebooks_LatestEffectiveOnOrBeforeTheAnchor(string anchor, string? name)
    {
        Assert.Equal(name, PolicySelector.InForce(Shipped, D(anchor))?.Name);
    }

    [Theory]
    [InlineData("2021-01-25", 1)]
    [InlineData("2021-02-01", 2)] // the new version takes effect
    public void InForce_NewVersionWithLaterDate_TakesEffectOnItsDate(string anchor, int version)
    {
        var v1 = Named(Chunjie);
        var v2 = v1 with { Version = 2, EffectiveDate = D("2021-02-01") };

        Assert.Equal(version, PolicySelector.InForce([v2, v1], D(anchor))?.Version);
    }

    [Fact]
    public void InForce_TwoVersionsSameDate_HigherVersionWins()
    {
        var v1 = Named(Chunjie);

        Assert.Equal(3, PolicySelector.InForce([v1 with { Version = 3 }, v1, v1 with { Version = 2 }], D("2021-02-01"))?.Version);
    }

    [Fact]
    public void Latest_ByName_HighestVersion()
    {
        var v1 = Named(Chunjie);

        Assert.Equal(2, PolicySelector.Latest([v1, v1 with { Version = 2 }, Named(Xinping)], Chunjie)?.Version);
        Assert.Null(PolicySelector.Latest(Shipped, "2023-01 不存在"));
    }
}
