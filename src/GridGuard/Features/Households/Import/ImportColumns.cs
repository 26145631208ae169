namespace GridGuard.Features.Households.Import;

/// <summary>One column of the household list: its header, accepted other headers, and the rule shown in the template.</summary>
public sealed record ImportColumn(int Index, string Name, bool Required, string Rule, string Example, params string[] Aliases);

/// <summary>
/// The columns of the household list (户籍名单), one row per person. These names and their order are a contract:
/// the template, the reader and the instructions all come from this list, so keep it stable and only append.
/// Headers may carry a trailing "*" (the template marks required columns with it); other columns are ignored.
/// </summary>
public static class ImportColumns
{
    public static readonly ImportColumn GridCode = new(0, "网格代码", true,
        "户所在网格的代码（辖区页面可查）；须是您有权登记人员的网格", "530427100200001001");

    public static readonly ImportColumn HouseholdKey = new(1, "户编号", true,
        "本文件内区分各户的编号，同一户的成员填相同的户编号；只在本文件内有意义", "1", "户号");

    public static readonly ImportColumn Address = new(2, "门牌地址", true,
        "村组或小区、楼栋、门牌号等；同一户可只在第一行填写", "大寨小组12号", "地址", "住址");

    public static readonly ImportColumn Unit = new(3, "单元", false, "城镇楼栋的单元，可空", "2单元");

    public static readonly ImportColumn Room = new(4, "室", false, "房号，可空", "301", "房号");

    public static readonly ImportColumn Relation = new(5, "与户主关系", false,
        "户主、配偶、子女、父母、租户等；“户主”标记本户户主，每户至多一人", "户主", "关系");

    public static readonly ImportColumn Name = new(6, "姓名", true, "不超过 50 个字", "张三");

    public static readonly ImportColumn IdType = new(7, "证件类型", false,
        "居民身份证（默认）、港澳台居民居住证、外国人永久居留身份证、护照、其他", "居民身份证");

    public static readonly ImportColumn IdNumber = new(8, "证件号码", true,
        "居民身份证为 18 位（15 位旧号自动转换），校验位、出生日期、省份须正确；无证件的人员可空，按“户 + 姓名”识别",
        "530427199001011234", "身份证号", "身份证号码");

    public static readonly ImportColumn Phone = new(9, "手机号", false, "11 位手机号，1 开头、第二位 3–9", "13812345678", "手机号码", "联系电话");

    public static readonly ImportColumn Residency = new(10, "居住类型", false, "户籍、常住、流动或租户；空为户籍", "户籍");

    public static readonly ImportColumn Groups = new(11, "特殊群体", false,
        "可多个，用顿号或逗号分隔：慢性病、孕产妇、透析、残疾、独居老人、空巢老人、留守儿童、半自理/不能自理；"
        + "老人、儿童、婴幼儿由出生日期自动计算，无需填写", "慢性病、残疾");

    public static readonly ImportColumn Workplace = new(12, "工作单位", false, "不超过 100 个字", "扬武镇中心小学");

    public static readonly ImportColumn IsRental = new(13, "是否出租", false, "是或否（空为否）；按户填写", "否", "出租");

    public static readonly ImportColumn LandlordName = new(14, "房东姓名", false, "出租房屋的房东，按户填写", "");

    public static readonly ImportColumn LandlordPhone = new(15, "房东电话", false, "房东的 11 位手机号", "", "房东手机号");

    public static readonly IReadOnlyList<ImportColumn> All =
    [
        GridCode, HouseholdKey, Address, Unit, Room, Relation, Name, IdType, IdNumber, Phone, Residency, Groups,
        Workplace, IsRental, LandlordName, LandlordPhone,
    ];

    /// <summary>Columns that belong to the household, not the person: filled on the household's first row.</summary>
    public static readonly IReadOnlyList<ImportColumn> HouseholdColumns =
        [GridCode, Address, Unit, Room, IsRental, LandlordName, LandlordPhone];

    /// <summary>The note above the header row, in both template formats.</summary>
    public const string Note =
        "填写说明：每行一人，从第 3 行起填写，不要改动第 2 行的列名。同一户的成员填写相同的“户编号”；网格代码、门牌地址、单元、室、"
        + "是否出租、房东姓名、房东电话是户的信息，可只在该户第一行填写。带 * 的列必填（无证件的人员证件号码可空）。"
        + "单元格不得以 = + - @ 开头，也不得使用公式。重复导入同一文件不会产生重复人员：证件号码已登记的人员会被更新。";

    /// <summary>The household list as an upload sheet: header row marked by 姓名; the template's data sheet 人员名单.</summary>
    public static readonly ImportSheet Sheet = new(All, Name, "应含“姓名”“证件号码”等列", Note, ImportTemplate.DataSheet);

    /// <summary>How the header is written in the template: required columns end with "*".</summary>
    public static string Header(ImportColumn c) => ImportSheet.Header(c);

    /// <summary>Finds the column a header cell names, or null. Trailing "*" and spaces are ignored.</summary>
    public static ImportColumn? Match(string? header) => Sheet.Match(header);
}
