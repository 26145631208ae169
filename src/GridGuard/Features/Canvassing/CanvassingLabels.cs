using GridGuard.Features.Policies;

namespace GridGuard.Features.Canvassing;

/// <summary>Chinese words for the canvassing enums, and strict parsing of their English names (API input).</summary>
public static class CanvassingLabels
{
    public static string Label(this MemberPresence presence) => presence switch
    {
        MemberPresence.Present => "在家",
        MemberPresence.Away => "外出",
        MemberPresence.MovedOut => "迁出",
        _ => presence.ToString(),
    };

    public static string Label(this Symptom symptom) => symptom switch
    {
        Symptom.Fever => "发热",
        Symptom.Cough => "咳嗽",
        Symptom.Fatigue => "乏力",
        Symptom.SoreThroat => "咽痛",
        Symptom.LossOfSmellOrTaste => "嗅觉或味觉减退",
        Symptom.Diarrhoea => "腹泻",
        Symptom.ChestTightness => "胸闷",
        Symptom.ShortnessOfBreath => "气促",
        _ => symptom.ToString(),
    };

    public static string Label(this KeyPersonCategory category) => category switch
    {
        KeyPersonCategory.FromEpidemicArea => "来自疫区人员",
        KeyPersonCategory.Suspected => "疑似病例",
        KeyPersonCategory.Fever => "发热人员",
        KeyPersonCategory.CloseContact => "密切接触者",
        KeyPersonCategory.SecondaryContact => "次密接",
        KeyPersonCategory.Spillover => "高风险区外溢人员",
        KeyPersonCategory.Returnee => "返乡人员",
        KeyPersonCategory.InboundTraveler => "入境人员",
        KeyPersonCategory.ColdChainWorker => "冷链从业人员",
        KeyPersonCategory.WorkStudyReturnee => "“三返”人员",
        KeyPersonCategory.Outbound => "“四外”人员",
        _ => category.ToString(),
    };

    public static string Label(this FlagStatus status) => status switch
    {
        FlagStatus.Open => "待处置",
        FlagStatus.Confirmed => "已确认",
        FlagStatus.Cleared => "已解除",
        _ => status.ToString(),
    };

    public static string Label(this FlagSource source) => source switch
    {
        FlagSource.Visit => "入户排查",
        FlagSource.SelfReport => "自主报备",
        FlagSource.Tip => "群众线索",
        FlagSource.Manual => "人工标记",
        FlagSource.Import => "导入",
        _ => source.ToString(),
    };

    public static string Label(this RiskLevel level) => level switch
    {
        RiskLevel.High => "高风险",
        RiskLevel.Medium => "中风险",
        RiskLevel.Low => "低风险",
        _ => level.ToString(),
    };

    /// <summary>
    /// Parses an enum by its English name only (case-insensitive); numbers and unknown names are refused,
    /// so API clients get a Chinese error instead of a silently wrong value.
    /// </summary>
    public static bool TryParseName<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        var t = text?.Trim();
        // Enum.TryParse reads "A,B" as the OR of two members ("Suspected,Fever" would become CloseContact): refuse lists.
        return !string.IsNullOrEmpty(t) && !char.IsAsciiDigit(t[0]) && t[0] is not ('-' or '+') && !t.Contains(',', StringComparison.Ordinal)
            && Enum.TryParse(t, ignoreCase: true, out value)
            && Enum.IsDefined(value);
    }

    /// <summary>The accepted names, for error messages: "Present、Away、MovedOut".</summary>
    public static string Names<T>()
        where T : struct, Enum => string.Join("、", Enum.GetNames<T>());
}
