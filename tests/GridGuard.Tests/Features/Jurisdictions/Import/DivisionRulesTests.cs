using GridGuard.Features.Jurisdictions;
using GridGuard.Features.Jurisdictions.Import;

namespace GridGuard.Tests.Features.Jurisdictions.Import;

public sealed class DivisionRulesTests
{
    [Theory]
    // National levels have fixed lengths and extend their parent's code.
    [InlineData("530427", JurisdictionLevel.County, "5304", JurisdictionLevel.City, null)]
    [InlineData("530427100", JurisdictionLevel.Township, "530427", JurisdictionLevel.County, null)]
    [InlineData("530427100201", JurisdictionLevel.Village, "530427100", JurisdictionLevel.Township, null)]
    // A county imported without its province is the root of its tree.
    [InlineData("530427", JurisdictionLevel.County, null, null, null)]
    // Own levels add three digits to the parent's code, at any depth (a rural grid skips the building).
    [InlineData("530427100201001", JurisdictionLevel.Compound, "530427100201", JurisdictionLevel.Village, null)]
    [InlineData("530427100201001001", JurisdictionLevel.Grid, "530427100201001", JurisdictionLevel.Compound, null)]
    [InlineData("530427100001001001001", JurisdictionLevel.Grid, "530427100001001001", JurisdictionLevel.Building, null)]
    // Bad lengths, letters, codes of another parent, and levels upside down are refused with a reason.
    [InlineData("53042710", JurisdictionLevel.Township, "530427", JurisdictionLevel.County, "长度应为 9 位")]
    [InlineData("53042710A", JurisdictionLevel.Township, "530427", JurisdictionLevel.County, "只能由数字组成")]
    [InlineData("530428100", JurisdictionLevel.Township, "530427", JurisdictionLevel.County, "不是上级代码")]
    [InlineData("53042710020101", JurisdictionLevel.Compound, "530427100201", JurisdictionLevel.Village, "应为上级代码加 3 位")]
    [InlineData("530427100201001", JurisdictionLevel.Compound, "530427100201", JurisdictionLevel.Grid, "不能位于")]
    [InlineData("", JurisdictionLevel.Grid, "530427100201", JurisdictionLevel.Village, "不能为空")]
    public void CheckCode_Table(string code, JurisdictionLevel level, string? parentCode, JurisdictionLevel? parentLevel, string? expected)
    {
        var reason = DivisionRules.CheckCode(code, level, parentCode, parentLevel);

        if (expected is null)
        {
            Assert.Null(reason);
        }
        else
        {
            Assert.NotNull(reason);
            Assert.Contains(expected, reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("五桂社区居民委员会", Settlement.Urban)]
    [InlineData("扬武社区居民委员会", Settlement.Urban)]
    [InlineData("写莫村委会", Settlement.Rural)]
    [InlineData("多福巷居委会", Settlement.Urban)]
    public void SettlementOf_VillageName_UrbanForCommunities(string name, Settlement expected) =>
        Assert.Equal(expected, DivisionRules.SettlementOf(name));
}
