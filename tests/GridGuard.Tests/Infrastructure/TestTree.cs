using System.Globalization;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Data;

namespace GridGuard.Tests.Infrastructure;

/// <summary>
/// A small tree of its own for one test, under a unique 6-digit county code:
/// county → 2 townships → 2 villages each (one rural, one urban) → 1 compound → 1 grid.
/// Codes follow the real rules, so imports and validators accept them.
/// </summary>
public sealed class TestTree
{
    private static int next = Random.Shared.Next(0, 50_000);

    private TestTree(Dictionary<string, Jurisdiction> nodes, string countyCode)
    {
        Nodes = nodes;
        CountyCode = countyCode;
    }

    public string CountyCode { get; }

    public IReadOnlyDictionary<string, Jurisdiction> Nodes { get; }

    public Jurisdiction County => Nodes[CountyCode];

    public Jurisdiction Township1 => Nodes[CountyCode + "100"];

    public Jurisdiction Township2 => Nodes[CountyCode + "101"];

    /// <summary>Rural village under township 1.</summary>
    public Jurisdiction Village1 => Nodes[CountyCode + "100200"];

    /// <summary>Urban community under township 1.</summary>
    public Jurisdiction Village2 => Nodes[CountyCode + "100001"];

    /// <summary>Rural village under township 2.</summary>
    public Jurisdiction Village3 => Nodes[CountyCode + "101200"];

    public Jurisdiction Grid1 => Nodes[CountyCode + "100200001001"];

    public Jurisdiction Grid3 => Nodes[CountyCode + "101200001001"];

    /// <summary>A fresh county code, unique in this test run: 7xxxxx and 8xxxxx are not used by real counties' tests.</summary>
    public static string NewCountyCode() =>
        (700_000 + Interlocked.Increment(ref next) % 200_000).ToString(CultureInfo.InvariantCulture);

    public static async Task<TestTree> CreateAsync(AppFactory app)
    {
        var code = NewCountyCode();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var nodes = new Dictionary<string, Jurisdiction>();

        Jurisdiction Add(string c, string name, JurisdictionLevel level, Jurisdiction? parent, Settlement? s = null)
        {
            var node = new Jurisdiction
            {
                Code = c,
                Name = name,
                Level = level,
                ParentId = parent?.Id,
                Path = Jurisdiction.ChildPath(parent?.Path, c),
                Depth = parent is null ? 0 : parent.Depth + 1,
                Settlement = s ?? parent?.Settlement,
                CreatedAt = now,
                UpdatedAt = now,
            };
            nodes[c] = node;
            return node;
        }

        var county = Add(code, $"测试县{code}", JurisdictionLevel.County, null);
        foreach (var (t, tname) in new[] { ("100", "甲镇"), ("101", "乙乡") })
        {
            var township = Add(code + t, tname, JurisdictionLevel.Township, county);
            var rural = Add(township.Code + "200", tname + "丙村委会", JurisdictionLevel.Village, township, Settlement.Rural);
            var group = Add(rural.Code + "001", "大寨小组", JurisdictionLevel.Compound, rural);
            Add(group.Code + "001", "大寨第一网格", JurisdictionLevel.Grid, group);
            var urban = Add(township.Code + "001", tname + "丁社区居民委员会", JurisdictionLevel.Village, township, Settlement.Urban);
            var compound = Add(urban.Code + "001", "阳光小区", JurisdictionLevel.Compound, urban);
            var building = Add(compound.Code + "001", "1栋", JurisdictionLevel.Building, compound);
            Add(building.Code + "001", "1栋第一网格", JurisdictionLevel.Grid, building);
        }

        await app.WithDbAsync(async db =>
        {
            db.Jurisdictions.AddRange(nodes.Values);
            await db.SaveChangesAsync();
        });
        return new TestTree(nodes, code);
    }
}
