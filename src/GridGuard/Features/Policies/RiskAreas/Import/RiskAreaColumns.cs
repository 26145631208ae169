using GridGuard.Features.Households.Import;

namespace GridGuard.Features.Policies.RiskAreas.Import;

/// <summary>
/// The columns of the risk-area list (风险地区名单), one row per published area. A contract like the household list's:
/// keep it stable and only append. An area is identified by its code, specific area and start date (as when entered by
/// hand): uploading the list again updates its level, end date, name and source rather than adding a second entry.
/// </summary>
public static class RiskAreaColumns
{
    public static readonly ImportColumn DivisionCode = new(0, "地区代码", true,
        "2、4、6、9 或 12 位区划代码（省、市、县、乡镇、村）", "420106", "区划代码", "代码");

    public static readonly ImportColumn PlaceName = new(1, "地区名称", false,
        $"不超过 {RiskAreaRules.PlaceNameMaxLength} 个字；代码在本系统区划数据中时可空", "湖北省武汉市武昌区", "地区", "名称");

    public static readonly ImportColumn SubArea = new(2, "具体区域", false,
        $"小区、街道等，不超过 {RiskArea.SubAreaMaxLength} 个字；空表示整个地区", "中南路街道某小区", "小区", "具体地点");

    public static readonly ImportColumn Level = new(3, "风险等级", true, "高、中、低（或 高风险、中风险、低风险）", "中", "等级");

    public static readonly ImportColumn From = new(4, "开始日期", true, "如 2022-11-20（也可写 2022/11/20、2022年11月20日）", "2022-11-20",
        "起始日期", "生效日期");

    public static readonly ImportColumn To = new(5, "结束日期", false,
        "解除之日（当天起不再算风险地区）；空表示仍在风险期；须晚于开始日期", "", "解除日期", "截止日期");

    public static readonly ImportColumn Source = new(6, "发布来源", false,
        $"通告文号或网址，不超过 {RiskAreaRules.SourceMaxLength} 个字", "国务院客户端 2022-11-20", "来源");

    public static readonly IReadOnlyList<ImportColumn> All = [DivisionCode, PlaceName, SubArea, Level, From, To, Source];

    /// <summary>The note above the header row, in both template formats.</summary>
    public const string Note =
        "填写说明：每行一个风险地区，从第 3 行起填写，不要改动第 2 行的列名。带 * 的列必填。地区代码、具体区域和开始日期相同即为同一条："
        + "重复导入会更新风险等级、结束日期、名称和来源而不会重复，所以修改出错的行后可以重新上传整个文件。单元格不得以 = + - @ 开头，也不得使用公式。";

    public const string DataSheet = "风险地区";

    public static readonly ImportSheet Sheet = new(All, DivisionCode, "应含“地区代码”“风险等级”“开始日期”等列", Note, DataSheet);

    public static int Width(ImportColumn c) => c == PlaceName || c == SubArea || c == Source ? 28 : 14;

    /// <summary>The column of a <see cref="RiskAreaInput"/> property, for the errors of the shared checks.</summary>
    public static ImportColumn Of(string property) => property switch
    {
        nameof(RiskAreaInput.DivisionCode) => DivisionCode,
        nameof(RiskAreaInput.PlaceName) => PlaceName,
        nameof(RiskAreaInput.SubArea) => SubArea,
        nameof(RiskAreaInput.Level) => Level,
        nameof(RiskAreaInput.From) => From,
        nameof(RiskAreaInput.To) => To,
        _ => Source,
    };
}
