using System.Text.RegularExpressions;
using C = GridGuard.Features.Households.Import.ImportColumns;

namespace GridGuard.Features.Households.Import;

/// <summary>
/// Pure checks of one row of the household list (no I/O): cells that could be formulas, required cells, lengths,
/// identity numbers (DOMAIN.md §2), phones, and the words of the residency, group, ID type and rental columns.
/// </summary>
public static partial class ImportRowRules
{
    public const int HouseholdKeyMaxLength = 50;
    public const int RelationMaxLength = 16;

    public static ImportRow Parse(ImportRecord record, DateOnly today)
    {
        var row = new ImportRow { Row = record.Row };
        if (record.Problem is not null)
        {
            row.Fail("整行", record.Problem);
        }

        row.HouseholdKey = Text(row, record, C.HouseholdKey, HouseholdKeyMaxLength, required: true);
        row.GridCode = Text(row, record, C.GridCode, Jurisdictions.Jurisdiction.CodeMaxLength);
        row.Address = Collapse(Text(row, record, C.Address, Household.AddressMaxLength));
        row.Unit = Text(row, record, C.Unit, Household.UnitMaxLength);
        row.Room = Text(row, record, C.Room, Household.UnitMaxLength);
        row.Relation = Text(row, record, C.Relation, RelationMaxLength);
        row.Name = Text(row, record, C.Name, Person.NameMaxLength, required: true);
        row.Workplace = Text(row, record, C.Workplace, Person.WorkplaceMaxLength);
        row.LandlordName = Text(row, record, C.LandlordName, Person.NameMaxLength);

        if (Text(row, record, C.IsRental, 10) is { } rental)
        {
            row.IsRental = ParseYesNo(rental);
            if (row.IsRental is null)
            {
                row.Fail(C.IsRental, $"是否出租：“{rental}”无法识别，请填“是”或“否”");
            }
        }

        row.Phone = Phone(row, record, C.Phone, "手机号");
        row.LandlordPhone = Phone(row, record, C.LandlordPhone, "房东电话");

        if (Text(row, record, C.Residency, 20) is { } residency)
        {
            row.Residency = ParseResidency(residency);
            if (row.Residency is null)
            {
                row.Fail(C.Residency, $"居住类型：“{residency}”无法识别，应为户籍、常住、流动或租户");
            }
        }

        if (Text(row, record, C.Groups, 200) is { } groups)
        {
            var (parsed, unknown) = ParseGroups(groups);
            row.Groups = parsed;
            if (unknown.Count > 0)
            {
                row.Fail(C.Groups, $"特殊群体：“{string.Join("、", unknown)}”无法识别，可填 {string.Join("、", GroupWords)}");
            }
        }

        IdNumber(row, record, today);
        return row;
    }

    private static void IdNumber(ImportRow row, ImportRecord record, DateOnly today)
    {
        if (Text(row, record, C.IdType, 30) is { } typeText)
        {
            if (ParseIdType(typeText) is { } type)
            {
                row.IdType = type;
            }
            else
            {
                row.Fail(C.IdType, $"证件类型：“{typeText}”无法识别，应为居民身份证、港澳台居民居住证、外国人永久居留身份证、护照或其他");
                return;
            }
        }

        var cell = record[C.IdNumber];
        if (Text(row, record, C.IdNumber, 64) is not { } number)
        {
            return;
        }

        if ((cell.IsNumber && number.Contains('E', StringComparison.OrdinalIgnoreCase)) || ScientificNumber().IsMatch(number))
        {
            row.Fail(C.IdNumber, "证件号码：被表格软件存成了数字（科学计数法，末几位已丢失），请把该列设为“文本”后重新填写");
            return;
        }

        var check = IdNumbers.Check(row.IdType, number, today);
        if (!check.Valid)
        {
            row.Fail(C.IdNumber, check.Error!.Replace("身份证号码：", "证件号码：", StringComparison.Ordinal));
            return;
        }

        row.IdNumber = check.Normalized;
        row.BirthDate = check.BirthDate;
        row.Sex = check.Sex;
    }

    /// <summary>
    /// A cell's trimmed text, or null when empty. Formula cells and text that a spreadsheet would run as a formula
    /// (starting with = + - @) are refused, never evaluated.
    /// </summary>
    private static string? Text(ImportRow row, ImportRecord record, ImportColumn column, int maxLength, bool required = false)
    {
        var text = ImportCells.Text(record[column], column, maxLength, required, out var error);
        if (error is not null)
        {
            row.Fail(column, error);
        }

        return text;
    }

    private static string? Phone(ImportRow row, ImportRecord record, ImportColumn column, string label)
    {
        if (Text(row, record, column, 30) is not { } text)
        {
            return null;
        }

        var digits = text.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (IsMobile(digits))
        {
            return digits;
        }

        row.Fail(column, $"{label}：“{text}”不是有效的手机号，应为 11 位数字，以 1 开头、第二位为 3–9");
        return null;
    }

    /// <summary>A mainland mobile number: 11 digits, 1[3-9]xxxxxxxxx.</summary>
    public static bool IsMobile(string? s) => s is not null && Mobile().IsMatch(s);

    private static string? Collapse(string? s) => s is null ? null : Spaces().Replace(s, " ");

    /// <summary>The key households are matched by: address with runs of spaces collapsed, unit and room.</summary>
    public static string AddressKey(string? address, string? unit, string? room) =>
        string.Join('\u001f', Collapse(address?.Trim()) ?? "", unit?.Trim() ?? "", room?.Trim() ?? "");

    public static bool? ParseYesNo(string s) => YesNo.TryGetValue(s.Trim(), out var yes) ? yes : null;

    // Ordinal, ignoring ASCII case: ToLowerInvariant (ICU) on every row was about half of the row checks' time in a profile.
    private static readonly Dictionary<string, bool> YesNo = new(StringComparer.OrdinalIgnoreCase)
    {
        ["是"] = true,
        ["出租"] = true,
        ["y"] = true,
        ["yes"] = true,
        ["true"] = true,
        ["1"] = true,
        ["√"] = true,
        ["否"] = false,
        ["不出租"] = false,
        ["n"] = false,
        ["no"] = false,
        ["false"] = false,
        ["0"] = false,
    };

    public static Residency? ParseResidency(string s) => s.Trim() switch
    {
        "户籍" or "户籍人口" or "户籍人员" or "本地户籍" => Households.Residency.Registered,
        "常住" or "常住人口" or "常住人员" => Households.Residency.Permanent,
        "流动" or "流动人口" or "流动人员" => Households.Residency.Floating,
        "租户" or "租住" or "租房" => Households.Residency.Tenant,
        var t when Enum.TryParse<Residency>(t, ignoreCase: true, out var r) && !int.TryParse(t, out _) => r,
        _ => null,
    };

    public static IdType? ParseIdType(string s) => s.Trim() switch
    {
        "居民身份证" or "身份证" or "二代身份证" => Households.IdType.ResidentIdCard,
        "港澳台居民居住证" or "港澳台居民居住证/通行证" or "港澳台通行证" or "港澳居民来往内地通行证" or "台湾居民来往大陆通行证"
            or "通行证" or "居住证" => Households.IdType.HkMoTwPermit,
        "外国人永久居留身份证" or "外国人永久居留证" or "永居证" => Households.IdType.ForeignerPermanentResidence,
        "护照" => Households.IdType.Passport,
        "其他" or "其他证件" => Households.IdType.Other,
        var t when Enum.TryParse<IdType>(t, ignoreCase: true, out var r) && !int.TryParse(t, out _) => r,
        _ => null,
    };

    private static readonly Dictionary<string, VulnerableGroup?> Words = BuildWords();

    /// <summary>The words offered in messages and in the template (recorded groups only).</summary>
    public static readonly IReadOnlyList<string> GroupWords =
        ["慢性病", "孕产妇", "透析", "残疾", "独居老人", "空巢老人", "留守儿童", "半自理/不能自理"];

    private static Dictionary<string, VulnerableGroup?> BuildWords()
    {
        var words = new Dictionary<string, VulnerableGroup?>(StringComparer.OrdinalIgnoreCase);
        foreach (var g in Enum.GetValues<VulnerableGroup>())
        {
            // Age groups are derived from the birth date: accepted in the file, never stored (null).
            VulnerableGroup? stored = VulnerableGroups.Derived.Contains(g) ? null : g;
            words[g.Label()] = stored;
            words[g.ToString()] = stored;
        }

        (string Word, VulnerableGroup? Group)[] more =
        [
            ("慢性病", VulnerableGroup.ChronicDisease), ("慢病", VulnerableGroup.ChronicDisease),
            ("孕妇", VulnerableGroup.Pregnant), ("孕产妇", VulnerableGroup.Pregnant), ("产妇", VulnerableGroup.Pregnant),
            ("透析", VulnerableGroup.Dialysis), ("血液透析", VulnerableGroup.Dialysis),
            ("残疾", VulnerableGroup.Disabled), ("残疾人", VulnerableGroup.Disabled),
            ("独居", VulnerableGroup.LivingAlone), ("独居老人", VulnerableGroup.LivingAlone),
            ("空巢", VulnerableGroup.EmptyNest), ("空巢老人", VulnerableGroup.EmptyNest),
            ("留守儿童", VulnerableGroup.LeftBehindChild),
            ("半自理", VulnerableGroup.SemiDependent), ("不能自理", VulnerableGroup.SemiDependent),
            ("失能", VulnerableGroup.SemiDependent),
            ("老人", null), ("老年人", null), ("高龄老人", null), ("60岁以上老人", null), ("80岁以上老人", null),
            ("儿童", null), ("婴幼儿", null),
        ];
        foreach (var (word, group) in more)
        {
            words[word] = group;
        }

        return words;
    }

    /// <summary>Splits on 、 , ， ; ； and spaces; maps each word; returns the recorded groups and the unknown words.</summary>
    public static (IReadOnlyList<VulnerableGroup> Groups, IReadOnlyList<string> Unknown) ParseGroups(string text)
    {
        var groups = new List<VulnerableGroup>();
        var unknown = new List<string>();
        foreach (var word in text.Split(['、', ',', '，', ';', '；', ' ', '\u3000'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Words.TryGetValue(word, out var group))
            {
                unknown.Add(word);
            }
            else if (group is { } g && !groups.Contains(g))
            {
                groups.Add(g);
            }
        }

        return (groups, unknown);
    }

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^[0-9](\.[0-9]+)?[eE]\+?[0-9]+$")]
    private static partial Regex ScientificNumber();
}
