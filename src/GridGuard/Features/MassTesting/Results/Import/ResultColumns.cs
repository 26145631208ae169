using GridGuard.Features.Households.Import;

namespace GridGuard.Features.MassTesting.Results.Import;

/// <summary>
/// The columns of a lab's result file (检测结果), one row per tube. A contract like the household list's: keep it stable
/// and only append. A tube is identified by its barcode: uploading the same file again changes nothing.
/// </summary>
public static class ResultColumns
{
    public static readonly ImportColumn Barcode = new(0, "条码", true, "采样管条码，6–32 位字母、数字或连字符", "A2211250001",
        "采样管条码", "管码", "试管条码");

    public static readonly ImportColumn Result = new(1, "结果", true, "阴性、阳性、无效（或 Negative、Positive、Invalid）", "阴性",
        "检测结果");

    public static readonly IReadOnlyList<ImportColumn> All = [Barcode, Result];

    /// <summary>The note above the header row, in both template formats.</summary>
    public const string Note =
        "填写说明：每行一个采样管，从第 3 行起填写，不要改动第 2 行的列名。两列都必填。同一采样管重复上传相同结果不会重复处理，"
        + "所以修改出错的行后可以重新上传整个文件；已有不同结果的采样管不会被覆盖，需在系统中更正并说明原因。单元格不得以 = + - @ 开头，也不得使用公式。";

    public const string DataSheet = "检测结果";

    public static readonly ImportSheet Sheet = new(All, Barcode, "应含“条码”“结果”两列", Note, DataSheet);

    public static int Width(ImportColumn c) => c == Barcode ? 24 : 14;
}
