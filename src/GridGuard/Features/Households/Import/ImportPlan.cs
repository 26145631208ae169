using C = GridGuard.Features.Households.Import.ImportColumns;

namespace GridGuard.Features.Households.Import;

/// <summary>A household of the file: the rows sharing one 户编号, and the household values taken from them.</summary>
public sealed class PlannedHousehold
{
    public required string Key { get; init; }

    public List<ImportRow> Rows { get; } = [];

    public int FirstRow => Rows[0].Row;

    public string? GridCode { get; set; }

    public string? Address { get; set; }

    public string? Unit { get; set; }

    public string? Room { get; set; }

    public bool? IsRental { get; set; }

    public string? LandlordName { get; set; }

    public string? LandlordPhone { get; set; }

    /// <summary>Why the whole household is not imported (reported on its first row).</summary>
    public List<(ImportColumn Column, string Message)> Problems { get; } = [];

    public bool IsBad => Problems.Count > 0;

    /// <summary>Set by the importer: the grid, and the registry's household at this address (null when new).</summary>
    public Guid GridId { get; set; }

    public string GridPath { get; set; } = "";

    public Guid Id { get; set; }

    public bool Exists { get; set; }

    public string AddressKey => ImportRowRules.AddressKey(Address, Unit, Room);
}

/// <summary>
/// The rules across rows of one file (pure): rows are grouped into households by 户编号; each household column takes
/// the first value given in the household's rows, and a row giving another value is an error; the same identity
/// number twice is an error on the later row, naming the first; so are a second 户主 and a second person of the same
/// name without an identity number in one household. A household without a grid code or an address is not imported.
/// A large file is planned chunk by chunk (cut between households); <see cref="ImportFileState"/> carries what the
/// file-wide rules need from the earlier chunks. A 户编号 whose household was in an earlier chunk (its rows are not
/// together in the file) is an error on the later rows.
/// </summary>
public sealed class ImportPlan
{
    private ImportPlan(List<PlannedHousehold> households) => Households = households;

    public IReadOnlyList<PlannedHousehold> Households { get; }

    /// <summary>Plans a whole file at once.</summary>
    public static ImportPlan Build(IReadOnlyList<ImportRow> rows) => Build(rows, new ImportFileState());

    /// <summary>Plans one chunk of a file, against what <paramref name="file"/> remembers of the earlier chunks.</summary>
    public static ImportPlan Build(IReadOnlyList<ImportRow> rows, ImportFileState file)
    {
        var byKey = new Dictionary<string, PlannedHousehold>(StringComparer.Ordinal);
        var list = new List<PlannedHousehold>();
        foreach (var row in rows)
        {
            if (row.IdNumber is { } number && file.SeenId(row.IdType, number, row.Row) is { } first)
            {
                row.Fail(C.IdNumber, $"证件号码：与第 {first} 行重复（同一人只能出现一次）");
            }

            if (row.HouseholdKey is not { } key)
            {
                continue;
            }

            if (!byKey.TryGetValue(key, out var household))
            {
                if (file.EarlierKey(key) is { } earlier)
                {
                    row.Fail(C.HouseholdKey, $"户编号：户编号“{key}”的户从第 {earlier} 行开始，已在前面处理；同一户的各行须排在一起，"
                        + "请把本行移到该户的行旁边后重新上传");
                    continue;
                }

                household = new PlannedHousehold { Key = key };
                byKey[key] = household;
                list.Add(household);
            }

            household.Rows.Add(row);
        }

        foreach (var household in list)
        {
            Settle(household);
        }

        return new ImportPlan(list);
    }

    private static void Settle(PlannedHousehold h)
    {
        h.GridCode = (string?)Take(h, C.GridCode, r => r.GridCode);
        h.Address = (string?)Take(h, C.Address, r => r.Address);
        h.Unit = (string?)Take(h, C.Unit, r => r.Unit);
        h.Room = (string?)Take(h, C.Room, r => r.Room);
        h.IsRental = (bool?)Take(h, C.IsRental, r => r.IsRental);
        h.LandlordName = (string?)Take(h, C.LandlordName, r => r.LandlordName);
        h.LandlordPhone = (string?)Take(h, C.LandlordPhone, r => r.LandlordPhone);

        if (h.GridCode is null)
        {
            h.Problems.Add((C.GridCode, $"网格代码：本户（户编号“{h.Key}”）没有填写网格代码"));
        }

        if (h.Address is null)
        {
            h.Problems.Add((C.Address, $"门牌地址：本户（户编号“{h.Key}”）没有填写门牌地址，每户必须有地址"));
        }

        var head = 0;
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in h.Rows)
        {
            if (row.IsHead)
            {
                if (head > 0)
                {
                    row.Fail(C.Relation, $"与户主关系：本户第 {head} 行已是户主，每户只能有一位户主");
                }
                else
                {
                    head = row.Row;
                }
            }

            if (row.IdNumber is null && !row.BadColumns.Contains(C.IdNumber) && row.Name is { } name)
            {
                if (names.TryGetValue(name, out var first))
                {
                    row.Fail(C.Name, $"姓名：本户第 {first} 行已有同名且无证件号码的人员，无法区分，请填写证件号码");
                }
                else
                {
                    names[name] = row.Row;
                }
            }
        }
    }

    /// <summary>The household's value of a column: the first one given; a row giving another one fails.</summary>
    private static object? Take(PlannedHousehold h, ImportColumn column, Func<ImportRow, object?> value)
    {
        object? taken = null;
        var from = 0;
        foreach (var row in h.Rows)
        {
            if (row.BadColumns.Contains(column) || value(row) is not { } v)
            {
                continue;
            }

            if (from == 0)
            {
                (taken, from) = (v, row.Row);
            }
            else if (!Equals(v, taken))
            {
                row.Fail(column, $"{column.Name}：与本户第 {from} 行填写的“{Show(taken)}”不一致，同一户的户信息应相同");
            }
        }

        return taken;
    }

    private static string? Show(object? value) => value is bool b ? (b ? "是" : "否") : value?.ToString();

    /// <summary>Reports every bad household on its rows: the reasons on the first row, a pointer to it on the others.</summary>
    public void Seal()
    {
        foreach (var h in Households.Where(h => h.IsBad))
        {
            foreach (var (column, message) in h.Problems)
            {
                h.Rows[0].Fail(column, message);
            }

            foreach (var row in h.Rows.Skip(1))
            {
                row.Fail(C.HouseholdKey, $"户编号：本户（户编号“{h.Key}”）的户信息有误，未导入，原因见第 {h.FirstRow} 行");
            }
        }
    }
}
