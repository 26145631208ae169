using GridGuard.Features.ControlPlans;
using GridGuard.Features.Households;

namespace GridGuard.Features.MassTesting.Results;

/// <summary>The lab's words for a tube's result, in English (API) or Chinese (files, pages), and the shared messages.</summary>
public static class LabResults
{
    public const string ResultHint = "应为 阴性、阳性、无效（或 Negative、Positive、Invalid）";

    public const string UnknownTube = "采样管条码：未找到该采样管，或不在您的管辖范围内";

    /// <summary>Negative / Positive / Invalid (any case), 阴性 / 阳性 / 无效, or 阴 / 阳; null when none of them.</summary>
    public static TestResult? Parse(string? text) => (text ?? "").Trim().ToLowerInvariant() switch
    {
        "negative" or "阴性" or "阴" => TestResult.Negative,
        "positive" or "阳性" or "阳" => TestResult.Positive,
        "invalid" or "无效" => TestResult.Invalid,
        _ => null,
    };

    /// <summary>The field errors of a tube's barcode and result, as both recording and correcting check them.</summary>
    public static FieldErrors Check(string? barcode, string? result)
    {
        var errors = new FieldErrors();
        if (PoolingRules.BarcodeError(barcode) is { } barcodeError)
        {
            errors.Add("Barcode", barcodeError);
        }

        if (ResultError(result) is { } resultError)
        {
            errors.Add("Result", resultError);
        }

        return errors;
    }

    public static string? ResultError(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "检测结果：不能为空"
        : Parse(text) is null ? $"检测结果：“{text.Trim()}”无效，{ResultHint}"
        : null;

    /// <summary>The refusal of a second, different result for a tube.</summary>
    public static string Conflict(TestResult recorded, TestResult sent) =>
        $"检测结果：该采样管已有结果“{recorded.Label()}”，不能再录入“{sent.Label()}”；如结果有误，需更正并说明原因";

    /// <summary>The instruction shown to a person with this outcome (null when there is nothing to do).</summary>
    public static string? Instruction(SamplingOutcome outcome) => outcome switch
    {
        SamplingOutcome.PooledPositive => "请原地等待单管复核，不要外出，工作人员将在 2 小时内上门采样",
        SamplingOutcome.Positive => "请原地等待，不要外出，工作人员将尽快与您联系",
        SamplingOutcome.Invalid => "本次采样无效，请尽快重新采样",
        _ => null,
    };
}
