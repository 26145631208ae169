using System.Text;
using GridGuard.Features.Demo;
using GridGuard.Features.Households;
using GridGuard.Features.Households.Import;
using MiniExcelLibs;

namespace GridGuard.Bench;

/// <summary>What a generated household list holds, and the bad rows planted in it (the import must report each).</summary>
public sealed record PersonFileFacts(string Path, int Rows, int Households, int BadRows, long Bytes);

/// <summary>
/// A county-wide household list in the template's columns, generated from <see cref="SyntheticPopulation"/> (fixed
/// seed) for the grids of the county: one row per person, households' rows together, the address on every row of a
/// household (as exports from other systems do), rental and landlord on the household's first row.
/// One row in 200 is bad, in turn: a wrong check digit, a 10-digit phone, an empty name, an unknown residency word,
/// an identity number already used about 32,000 rows earlier (in another chunk of the import), a cell starting with "=".
/// </summary>
public static class PersonFile
{
    public const int BadEvery = 200;

    public static PersonFileFacts Write(string format, IReadOnlyList<GridSite> grids, int persons, DateOnly today, DateTime now)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"gridguard-bench-persons-{Guid.NewGuid():N}.{format}");
        var counter = new Counter();
        var rows = Rows(grids, persons, today, now, counter);
        if (format == "xlsx")
        {
            var letters = ImportColumns.All.Select(c => ImportTemplate.ColumnLetters(c.Index)).ToArray();
            Dictionary<string, object?> Row(string?[] cells) =>
                letters.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => (object?)(x.i < cells.Length ? cells[x.i] : null));
            IEnumerable<Dictionary<string, object?>> All()
            {
                yield return Row(["说明：基准测试生成的名单"]);
                yield return Row([.. ImportColumns.All.Select(ImportColumns.Header)]);
                foreach (var r in rows)
                {
                    yield return Row(r);
                }
            }

            MiniExcel.SaveAs(path, All(), printHeader: false, excelType: ExcelType.XLSX);
        }
        else
        {
            using var writer = new StreamWriter(path, false, new UTF8Encoding(true), 1 << 16);
            writer.Write("说明：基准测试生成的名单\r\n");
            writer.Write(string.Join(",", ImportColumns.All.Select(ImportColumns.Header)) + "\r\n");
            foreach (var r in rows)
            {
                writer.Write(string.Join(",", r.Select(Quote)));
                writer.Write("\r\n");
            }
        }

        return new PersonFileFacts(path, counter.Rows, counter.Households, counter.Bad, new FileInfo(path).Length);
    }

    private sealed class Counter
    {
        public int Rows { get; set; }

        public int Households { get; set; }

        public int Bad { get; set; }
    }

    private static IEnumerable<string?[]> Rows(IReadOnlyList<GridSite> grids, int persons, DateOnly today, DateTime now, Counter counter)
    {
        var population = new SyntheticPopulation(DemoPopulation.Seed + 1, today, now);
        var shares = DemoPopulation.PersonsPerGrid(grids, persons);
        shares[^1] += persons - shares.Sum();
        var recent = new string[32_768];
        string? first = null;
        for (var g = 0; g < grids.Count; g++)
        {
            foreach (var h in population.For(grids[g], shares[g]))
            {
                counter.Households++;
                var key = counter.Households.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var groups = h.Groups.ToLookup(x => x.PersonId, x => x.Group);
                for (var m = 0; m < h.Members.Count; m++)
                {
                    var p = h.Members[m];
                    var r = counter.Rows++;
                    first ??= p.IdNumber;
                    string?[] cells =
                    [
                        grids[g].Code, key, h.Household.Address, h.Household.Unit, h.Household.Room, h.Stays[m].Relation,
                        p.Name, null, p.IdNumber, p.Phone, Residency(p.Residency),
                        string.Join("、", groups[p.Id].Select(x => x.Label())), null,
                        m == 0 ? (h.Household.IsRental ? "是" : "否") : null,
                        m == 0 ? h.Household.LandlordName : null, m == 0 ? h.Household.LandlordPhone : null,
                    ];
                    if (r % BadEvery == BadEvery - 63)
                    {
                        counter.Bad++;
                        Spoil(cells, (r / BadEvery) % 6, recent[(r + 1) % recent.Length] ?? first!);
                    }

                    recent[r % recent.Length] = p.IdNumber!;
                    yield return cells;
                }
            }
        }
    }

    private static void Spoil(string?[] cells, int kind, string earlierId)
    {
        var id = ImportColumns.IdNumber.Index;
        switch (kind)
        {
            case 0:
                cells[id] = cells[id]![..17] + (cells[id]![17] == '0' ? '1' : '0');
                break;
            case 1:
                cells[ImportColumns.Phone.Index] = "1381234567";
                break;
            case 2:
                cells[ImportColumns.Name.Index] = "";
                break;
            case 3:
                cells[ImportColumns.Residency.Index] = "外来";
                break;
            case 4:
                cells[id] = earlierId;
                break;
            default:
                cells[ImportColumns.Workplace.Index] = "=1+1";
                break;
        }
    }

    private static string Residency(Residency r) => r switch
    {
        Features.Households.Residency.Permanent => "常住",
        Features.Households.Residency.Floating => "流动",
        Features.Households.Residency.Tenant => "租户",
        _ => "户籍",
    };

    private static string Quote(string? s) =>
        s is null ? "" : s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
