using System.Globalization;
using GridGuard.Features.Jurisdictions;
using GridGuard.Features.Jurisdictions.Import;

namespace GridGuard.Features.Demo;

/// <summary>
/// Synthetic compounds, buildings and grids under each real village of the demo county.
/// Deterministic: the same villages give the same tree on every machine (fixed seed).
/// Rural villages get groups (小组) with grids; urban communities get compounds (小区), buildings and grids.
/// </summary>
public static class DemoTree
{
    public const int Seed = 530427;

    private static readonly string[] CompoundNames =
        ["阳光", "锦绣", "和平", "金色", "幸福", "碧水", "翠湖", "康宁", "嘉和", "福源", "书香", "玉泉"];

    private static readonly string[] GroupNames =
        ["大寨", "小寨", "上村", "下村", "新村", "老村", "河边", "坡头", "箐口", "田坝", "中寨", "岔河"];

    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];

    public static List<DivisionRow> For(IEnumerable<(string Code, string Name, Settlement Settlement)> villages)
    {
        var random = new Random(Seed);
        var rows = new List<DivisionRow>();
        var line = 2;
        foreach (var v in villages.OrderBy(v => v.Code, StringComparer.Ordinal))
        {
            if (v.Settlement == Settlement.Urban)
            {
                var compounds = random.Next(3, 5);
                for (var c = 1; c <= compounds; c++)
                {
                    var compoundCode = v.Code + c.ToString("000", CultureInfo.InvariantCulture);
                    rows.Add(new DivisionRow(line++, compoundCode, CompoundNames[random.Next(CompoundNames.Length)] + "小区",
                        JurisdictionLevel.Compound, v.Code));
                    var buildings = random.Next(2, 4);
                    for (var b = 1; b <= buildings; b++)
                    {
                        var buildingCode = compoundCode + b.ToString("000", CultureInfo.InvariantCulture);
                        rows.Add(new DivisionRow(line++, buildingCode, $"{b}栋", JurisdictionLevel.Building, compoundCode));
                        var grids = random.Next(1, 3);
                        for (var g = 1; g <= grids; g++)
                        {
                            rows.Add(new DivisionRow(line++, buildingCode + g.ToString("000", CultureInfo.InvariantCulture),
                                $"{b}栋第{Numerals[g - 1]}网格", JurisdictionLevel.Grid, buildingCode));
                        }
                    }
                }
            }
            else
            {
                var groups = random.Next(3, 7);
                var names = GroupNames.OrderBy(_ => random.Next()).Take(groups).ToArray();
                for (var c = 1; c <= groups; c++)
                {
                    var groupCode = v.Code + c.ToString("000", CultureInfo.InvariantCulture);
                    rows.Add(new DivisionRow(line++, groupCode, names[c - 1] + "小组", JurisdictionLevel.Compound, v.Code));
                    var grids = random.Next(2, 4);
                    for (var g = 1; g <= grids; g++)
                    {
                        rows.Add(new DivisionRow(line++, groupCode + g.ToString("000", CultureInfo.InvariantCulture),
                            $"{names[c - 1]}第{Numerals[g - 1]}网格", JurisdictionLevel.Grid, groupCode));
                    }
                }
            }
        }

        return rows;
    }
}
