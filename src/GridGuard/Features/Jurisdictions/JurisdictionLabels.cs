namespace GridGuard.Features.Jurisdictions;

public static class JurisdictionLabels
{
    public static string Label(this JurisdictionLevel level) => level switch
    {
        JurisdictionLevel.Province => "省",
        JurisdictionLevel.City => "市",
        JurisdictionLevel.County => "县",
        JurisdictionLevel.Township => "乡镇（街道）",
        JurisdictionLevel.Village => "村（社区）",
        JurisdictionLevel.Compound => "小组（小区）",
        JurisdictionLevel.Building => "楼栋",
        JurisdictionLevel.Grid => "网格",
        _ => level.ToString(),
    };

    public static string Label(this Settlement settlement) => settlement == Settlement.Urban ? "城镇" : "农村";

    /// <summary>Accepts the English name or the Chinese word used in our own CSV files.</summary>
    public static JurisdictionLevel? ParseLevel(string text) => text.Trim() switch
    {
        "省" => JurisdictionLevel.Province,
        "市" => JurisdictionLevel.City,
        "县" or "区" => JurisdictionLevel.County,
        "乡镇" or "街道" or "乡" or "镇" => JurisdictionLevel.Township,
        "村" or "社区" => JurisdictionLevel.Village,
        "小组" or "小区" or "组" => JurisdictionLevel.Compound,
        "楼栋" or "楼" => JurisdictionLevel.Building,
        "网格" => JurisdictionLevel.Grid,
        var t when Enum.TryParse<JurisdictionLevel>(t, ignoreCase: true, out var l) && !int.TryParse(t, out _) => l,
        _ => null,
    };
}
