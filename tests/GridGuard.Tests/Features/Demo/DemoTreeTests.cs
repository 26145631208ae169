using GridGuard.Features.Demo;
using GridGuard.Features.Jurisdictions;

namespace GridGuard.Tests.Features.Demo;

public sealed class DemoTreeTests
{
    private static List<(string Code, string Name, Settlement Settlement)> Villages()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "data", "china-division-530427", "villages.csv");
        return File.ReadLines(file).Skip(1)
            .Select(l => l.Split(','))
            .Select(f => (f[0], f[1].Trim('"'), f[1].Contains("社区", StringComparison.Ordinal) ? Settlement.Urban : Settlement.Rural))
            .ToList();
    }

    [Fact]
    public void For_DemoCountyVillages_GivesAbout1500Grids()
    {
        var villages = Villages();

        var grids = DemoTree.For(villages).Count(r => r.Level == JurisdictionLevel.Grid);

        Assert.Equal(124, villages.Count);
        Assert.InRange(grids, 1_200, 1_800);
    }

    [Fact]
    public void For_SameVillagesTwice_GivesTheSameTree()
    {
        var first = DemoTree.For(Villages());
        var second = DemoTree.For(Villages());

        Assert.Equal(first, second);
    }

    [Fact]
    public void For_UrbanAndRural_UsesBuildingsOnlyInUrbanCommunities()
    {
        var villages = Villages();
        var urban = villages.Where(v => v.Settlement == Settlement.Urban).Select(v => v.Code).ToHashSet();

        var rows = DemoTree.For(villages);

        var buildings = rows.Where(r => r.Level == JurisdictionLevel.Building).ToList();
        Assert.NotEmpty(buildings);
        Assert.All(buildings, b => Assert.Contains(b.Code[..12], urban));
        var ruralGrids = rows.Where(r => r.Level == JurisdictionLevel.Grid && !urban.Contains(r.Code[..12])).ToList();
        Assert.NotEmpty(ruralGrids);
        Assert.All(ruralGrids, g => Assert.Equal(18, g.Code.Length));
    }
}
