using System.Text.RegularExpressions;
using GridGuard.Features.ControlPlans;

namespace GridGuard.Features.MassTesting;

/// <summary>
/// The pure rules of collection and of lab results (DOMAIN.md §7): pool sizes, tube barcodes, who must have a single tube,
/// when a tube closes, and what a tube's result means for each of its members.
/// </summary>
public static partial class PoolingRules
{
    public static readonly IReadOnlyList<int> PoolSizes = [1, 5, 10];

    /// <summary>Why a person must go into a single tube ("一人一管"); a pooled tube refuses them.</summary>
    public enum SingleTubeReason
    {
        /// <summary>Under an open (proposed or active) control plan.</summary>
        OpenPlan,

        /// <summary>From a High or Medium risk area (a plan with that risk level anchored in the last 14 days).</summary>
        RiskArea,

        /// <summary>A positive or pooled positive that no later single-tube negative has resolved.</summary>
        UnresolvedPositive,
    }

    /// <summary>How far back a stay in a High or Medium area still forces a single tube.</summary>
    public const int RiskAreaDays = 14;

    /// <summary>2 h: the retest after a pooled positive is due this long after the result arrives.</summary>
    public static readonly TimeSpan RetestWithin = TimeSpan.FromHours(2);

    public static bool IsPoolSize(int size) => PoolSizes.Contains(size);

    /// <summary>A tube barcode: 6 to 32 letters, digits or hyphens (the printed labels of the sampling kits).</summary>
    public static bool IsBarcode(string? barcode) => barcode is not null && BarcodePattern().IsMatch(barcode);

    public static string? BarcodeError(string? barcode) =>
        string.IsNullOrWhiteSpace(barcode) ? "采样管条码：不能为空"
        : IsBarcode(barcode.Trim()) ? null
        : "采样管条码：格式不正确，应为 6–32 位字母、数字或连字符";

    public static string Label(this SingleTubeReason reason) => reason switch
    {
        SingleTubeReason.OpenPlan => "正在落实管控措施",
        SingleTubeReason.RiskArea => "14 天内有中高风险地区旅居史",
        SingleTubeReason.UnresolvedPositive => "有未解除的阳性或混管阳性结果",
        _ => reason.ToString(),
    };

    /// <summary>The loud refusal a sampler sees when such a person is put into a pooled tube.</summary>
    public static string Refusal(IEnumerable<SingleTubeReason> reasons, int poolSize) =>
        $"该人员必须单人单管采样，不能放入{MassTestingText.PoolLabel(poolSize)}：{string.Join("；", reasons.Select(r => r.Label()))}";

    /// <summary>A tube is full when it holds its pool size; it then closes by itself.</summary>
    public static bool IsFull(int count, int poolSize) => count >= poolSize;

    /// <summary>What a tube's result means for each member (DOMAIN.md §7).</summary>
    public static SamplingOutcome OutcomeFor(TestResult result, int poolSize) => result switch
    {
        TestResult.Negative => SamplingOutcome.Negative,
        TestResult.Positive => poolSize == 1 ? SamplingOutcome.Positive : SamplingOutcome.PooledPositive,
        TestResult.Invalid => SamplingOutcome.Invalid,
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };

    [GeneratedRegex("^[A-Za-z0-9-]{6,32}$")]
    private static partial Regex BarcodePattern();
}
