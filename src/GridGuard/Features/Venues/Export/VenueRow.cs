using MiniExcelLibs.Attributes;

namespace GridGuard.Features.Venues.Export;

/// <summary>One row of the 重点场所清单 export: one venue. Text is already neutralised by SafeCell.</summary>
public sealed class VenueRow
{
    public static readonly string[] Headers = ["网格", "场所名称", "类型", "地址", "负责人", "联系电话", "外地员工数", "状态"];

    [ExcelColumn(Name = "网格", Width = 24)]
    public string Grid { get; init; } = "";

    [ExcelColumn(Name = "场所名称", Width = 28)]
    public string Name { get; init; } = "";

    [ExcelColumn(Name = "类型", Width = 10)]
    public string Kind { get; init; } = "";

    [ExcelColumn(Name = "地址", Width = 36)]
    public string Address { get; init; } = "";

    [ExcelColumn(Name = "负责人", Width = 10)]
    public string Responsible { get; init; } = "";

    [ExcelColumn(Name = "联系电话", Width = 15)]
    public string Phone { get; init; } = "";

    [ExcelColumn(Name = "外地员工数", Width = 10)]
    public int NonLocalStaff { get; init; }

    [ExcelColumn(Name = "状态", Width = 8)]
    public string Status { get; init; } = "";
}
