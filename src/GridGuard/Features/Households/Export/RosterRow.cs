using MiniExcelLibs.Attributes;

namespace GridGuard.Features.Households.Export;

/// <summary>
/// One row of the 网格联户包保清单 (seed 000, DOMAIN.md §3): one household. Columns in the order of the seed, with the
/// head's identity number (masked unless asked for whole by an IdNumberViewer) after the head's name.
/// Text is already neutralised by <see cref="SafeCell"/>.
/// </summary>
public sealed class RosterRow
{
    public static readonly string[] Headers =
        ["网格", "包户责任人", "责任人电话", "地址", "户主", "户主证件号码", "户主电话", "家庭人数", "家庭成员及特殊群体", "重点人员标记"];

    [ExcelColumn(Name = "网格", Width = 18)]
    public string Grid { get; init; } = "";

    [ExcelColumn(Name = "包户责任人", Width = 12)]
    public string Steward { get; init; } = "";

    [ExcelColumn(Name = "责任人电话", Width = 14)]
    public string StewardPhone { get; init; } = "";

    [ExcelColumn(Name = "地址", Width = 40)]
    public string Address { get; init; } = "";

    [ExcelColumn(Name = "户主", Width = 10)]
    public string Head { get; init; } = "";

    [ExcelColumn(Name = "户主证件号码", Width = 22)]
    public string HeadIdNumber { get; init; } = "";

    [ExcelColumn(Name = "户主电话", Width = 14)]
    public string HeadPhone { get; init; } = "";

    [ExcelColumn(Name = "家庭人数", Width = 9)]
    public int MemberCount { get; init; }

    [ExcelColumn(Name = "家庭成员及特殊群体", Width = 50)]
    public string Members { get; init; } = "";

    [ExcelColumn(Name = "重点人员标记", Width = 30)]
    public string KeyPersons { get; init; } = "";
}
