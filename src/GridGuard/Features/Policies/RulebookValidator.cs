using System.Globalization;
using GridGuard.Features.Canvassing;
using FieldErrors = GridGuard.Features.Households.FieldErrors;

namespace GridGuard.Features.Policies;

/// <summary>
/// Turns a <see cref="RulebookDocument"/> into a <see cref="Rulebook"/>, or returns Chinese errors that name the
/// field ("规则 3 第 2 阶段检测日：第 9 天超出阶段天数 7"). Keys are JSON paths ("rules[2].phases[1].testDays").
/// </summary>
public static class RulebookValidator
{
    public const int MaxNameLength = 100;
    public const int MaxNoteLength = 1000;
    public const int MaxPhaseDays = 90;
    public const int MaxRules = 200;
    public const int DefaultNegativeTestWithinDays = 7;
    public const int MaxNegativeTestWithinDays = 30;

    public static Rulebook? Validate(RulebookDocument document, FieldErrors errors)
    {
        var before = Count(errors);
        var name = document.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add("name", "名称：不能为空");
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add("name", $"名称：不能超过 {MaxNameLength} 个字符");
        }

        if (document.Version is null)
        {
            errors.Add("version", "版本：不能为空");
        }
        else if (document.Version < 1)
        {
            errors.Add("version", "版本：应为正整数");
        }

        var effective = ParseDate(document.EffectiveDate, "effectiveDate", "生效日期", errors);
        var rules = ValidateRules(document.Rules, errors);
        var source = document.Source?.Trim();
        if (source?.Length > MaxNoteLength)
        {
            errors.Add("source", $"来源：不能超过 {MaxNoteLength} 个字符");
        }

        return Count(errors) > before
            ? null
            : new Rulebook(name!, document.Version!.Value, effective!.Value, string.IsNullOrEmpty(source) ? null : source, rules);
    }

    private static List<PolicyRule> ValidateRules(IReadOnlyList<RuleDocument?>? documents, FieldErrors errors)
    {
        var rules = new List<PolicyRule>();
        if (documents is null || documents.Count == 0)
        {
            errors.Add("rules", "规则：至少需要一条规则");
            return rules;
        }

        if (documents.Count > MaxRules)
        {
            errors.Add("rules", $"规则：最多 {MaxRules} 条");
            return rules;
        }

        var seen = new Dictionary<(KeyPersonCategory, RiskLevel?), int>();
        for (var i = 0; i < documents.Count; i++)
        {
            var key = $"rules[{i}]";
            var label = $"规则 {i + 1}";
            if (documents[i] is not { } document)
            {
                errors.Add(key, $"{label}：不能为空");
                continue;
            }

            var rule = ValidateRule(document, key, label, errors);
            if (rule is null)
            {
                continue;
            }

            if (seen.TryGetValue((rule.Category, rule.Level), out var first))
            {
                errors.Add(key, $"{label}：与规则 {first} 的类别和风险等级相同（{rule.Category}，{LevelText(rule.Level)}）");
                continue;
            }

            seen[(rule.Category, rule.Level)] = i + 1;
            rules.Add(rule);
        }

        return rules;
    }

    private static PolicyRule? ValidateRule(RuleDocument document, string key, string label, FieldErrors errors)
    {
        var ok = true;
        KeyPersonCategory category = default;
        if (string.IsNullOrWhiteSpace(document.Category))
        {
            ok = Fail(errors, $"{key}.category", $"{label} 类别：不能为空");
        }
        else if (!CanvassingLabels.TryParseName(document.Category, out category))
        {
            ok = Fail(errors, $"{key}.category",
                $"{label} 类别：无法识别“{document.Category}”（应为 {CanvassingLabels.Names<KeyPersonCategory>()}）");
        }

        RiskLevel? level = null;
        if (!string.IsNullOrWhiteSpace(document.Level))
        {
            if (CanvassingLabels.TryParseName<RiskLevel>(document.Level, out var parsed))
            {
                level = parsed;
            }
            else
            {
                ok = Fail(errors, $"{key}.level",
                    $"{label} 风险等级：无法识别“{document.Level}”（应为 High、Medium、Low，留空表示任意等级）");
            }
        }

        var hasPhases = document.Phases is { Count: > 0 };
        if (hasPhases == document.OneOff is not null)
        {
            errors.Add(key, $"{label}：应规定阶段（phases）或一次性检测要求（oneOff），二者选一");
            return null;
        }

        var phases = new List<PhaseRule>();
        OneOffTestRule? oneOff = null;
        if (hasPhases)
        {
            for (var j = 0; j < document.Phases!.Count; j++)
            {
                var phase = ValidatePhase(document.Phases[j], $"{key}.phases[{j}]", $"{label} 第 {j + 1} 阶段", errors);
                ok &= phase is not null;
                if (phase is not null)
                {
                    phases.Add(phase);
                }
            }
        }
        else
        {
            var days = document.OneOff!.NegativeTestWithinDays ?? DefaultNegativeTestWithinDays;
            if (days < 1 || days > MaxNegativeTestWithinDays)
            {
                ok = Fail(errors, $"{key}.oneOff.negativeTestWithinDays",
                    $"{label} 一次性检测要求的抵达前天数：应在 1–{MaxNegativeTestWithinDays} 之间");
            }

            oneOff = new OneOffTestRule(days);
        }

        var note = document.Note?.Trim();
        if (note?.Length > MaxNoteLength)
        {
            ok = Fail(errors, $"{key}.note", $"{label} 说明：不能超过 {MaxNoteLength} 个字符");
        }

        return ok ? new PolicyRule(category, level, phases, oneOff, string.IsNullOrEmpty(note) ? null : note) : null;
    }

    private static PhaseRule? ValidatePhase(PhaseDocument? document, string key, string label, FieldErrors errors)
    {
        if (document is null)
        {
            errors.Add(key, $"{label}：不能为空");
            return null;
        }

        var ok = true;
        PhaseKind kind = default;
        if (string.IsNullOrWhiteSpace(document.Kind))
        {
            ok = Fail(errors, $"{key}.kind", $"{label}类型：不能为空");
        }
        else if (!CanvassingLabels.TryParseName(document.Kind, out kind))
        {
            ok = Fail(errors, $"{key}.kind",
                $"{label}类型：无法识别“{document.Kind}”（应为 {CanvassingLabels.Names<PhaseKind>()}）");
        }

        var days = document.Days ?? 0;
        if (document.Days is null)
        {
            ok = Fail(errors, $"{key}.days", $"{label}天数：不能为空");
        }
        else if (days <= 0)
        {
            ok = Fail(errors, $"{key}.days", $"{label}天数：应大于 0");
        }
        else if (days > MaxPhaseDays)
        {
            ok = Fail(errors, $"{key}.days", $"{label}天数：不能超过 {MaxPhaseDays} 天");
        }

        if (document.ChecksPerDay is { } checks && checks is not (1 or 2))
        {
            ok = Fail(errors, $"{key}.checksPerDay", $"{label}每日健康监测次数：应为 1 或 2");
        }

        var testDays = new SortedSet<int>();
        foreach (var day in document.TestDays ?? [])
        {
            if (day < 1)
            {
                ok = Fail(errors, $"{key}.testDays", $"{label}检测日：第 {day} 天无效，应从第 1 天算起");
            }
            else if (days > 0 && day > days)
            {
                ok = Fail(errors, $"{key}.testDays", $"{label}检测日：第 {day} 天超出阶段天数 {days}");
            }
            else if (!testDays.Add(day))
            {
                ok = Fail(errors, $"{key}.testDays", $"{label}检测日：第 {day} 天重复");
            }
        }

        return ok ? new PhaseRule(kind, days, document.ChecksPerDay ?? kind.DefaultChecksPerDay(), [.. testDays]) : null;
    }

    private static DateOnly? ParseDate(string? text, string key, string label, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(key, $"{label}：不能为空");
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(key, $"{label}：“{text}”不是有效日期（应为 yyyy-MM-dd）");
        return null;
    }

    private static int Count(FieldErrors errors) => errors.ToDictionary().Sum(e => e.Value.Length);

    private static string LevelText(RiskLevel? level) => level?.ToString() ?? "任意等级";

    private static bool Fail(FieldErrors errors, string key, string message)
    {
        errors.Add(key, message);
        return false;
    }
}
