using GridGuard.Features.Households.Import;

namespace GridGuard.Features.Venues.Import;

/// <summary>
/// The columns of the venue list (重点场所名单), one row per venue. A contract like the household list's: the template,
/// the reader and the instructions come from this list, so keep it stable and only append. A venue is identified by
/// its grid and name: uploading again updates it rather than adding a second one.
/// </summary>
public static class VenueColumns
{
    public static readonly ImportColumn GridCode = new(0, "网格代码", true,
        "场所所在网格的代码（辖区页面可查）；须是您有权登记的网格", "530427100200001001");

    public static readonly ImportColumn Name = new(1, "场所名称", true,
        $"不超过 {Venue.NameMaxLength} 个字；同一网格内名称相同即为同一场所，重复导入会更新而不会重复", "扬武镇农贸市场",
        "名称", "单位名称", "场所");

    public static readonly ImportColumn Kind = new(2, "类型", true,
        "企业、景区、宾馆酒店、餐饮、棋牌室、彩票店、养老院、学校、幼儿园、农贸市场、商超、药店、公交站、写字楼、工业园区 之一", "农贸市场",
        "场所类型");

    public static readonly ImportColumn Address = new(3, "地址", false,
        $"不超过 {VenueInput.AddressMaxLength} 个字；空着表示不修改已有的地址", "扬武镇新村路 12 号", "场所地址");

    public static readonly ImportColumn Responsible = new(4, "负责人", true,
        $"不超过 {VenueInput.ResponsibleNameMaxLength} 个字", "张三", "负责人姓名", "责任人");

    public static readonly ImportColumn Phone = new(5, "联系电话", false,
        "负责人的 11 位手机号，或带区号的固定电话（如 0877-2123456）；空着表示不修改", "13812345678", "负责人电话", "电话", "手机号");

    public static readonly ImportColumn NonLocalStaff = new(6, "外地员工数", false,
        "0 或正整数；新场所空着为 0，已有场所空着表示不修改", "3", "外地员工人数", "外地员工");

    public static readonly IReadOnlyList<ImportColumn> All = [GridCode, Name, Kind, Address, Responsible, Phone, NonLocalStaff];

    /// <summary>The note above the header row, in both template formats.</summary>
    public const string Note =
        "填写说明：每行一个场所，从第 3 行起填写，不要改动第 2 行的列名。带 * 的列必填。同一网格内“场所名称”相同即为同一场所："
        + "重复导入会更新该场所而不会重复登记，所以修改出错的行后可以重新上传整个文件。单元格不得以 = + - @ 开头，也不得使用公式。";

    public const string DataSheet = "场所名单";

    /// <summary>The venue list as an upload sheet: the header row is the one naming 场所名称 and two more columns.</summary>
    public static readonly ImportSheet Sheet = new(All, Name, "应含“网格代码”“场所名称”“类型”等列", Note, DataSheet);

    public static int Width(ImportColumn c) => c == GridCode ? 22 : c == Name || c == Address ? 28 : 13;
}
