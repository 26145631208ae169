using System.Globalization;
using GridGuard.Features.Households;

namespace GridGuard.Features.Canvassing;

/// <summary>Parsing of request fields into values, with Chinese messages that name the field.</summary>
public static class Fields
{
    /// <summary>Trims; null when empty; an error (and null) when longer than <paramref name="max"/>.</summary>
    public static string? Text(string? value, int max, string key, string label, FieldErrors errors)
    {
        var t = value?.Trim();
        if (string.IsNullOrEmpty(t))
        {
            return null;
        }

        if (t.Length > max)
        {
            errors.Add(key, $"{label}：不能超过 {max} 个字符");
            return null;
        }

        return t;
    }

    public static T ParseEnum<T>(string? text, Func<T, string> label, T fallback, bool required, string key, string field,
        FieldErrors errors)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Add(key, $"{field}：不能为空");
            }

            return fallback;
        }

        if (TryParse(text, label, out T value))
        {
            return value;
        }

        var names = string.Join("、", Enum.GetValues<T>().Select(v => $"{v}（{label(v)}）"));
        errors.Add(key, $"{field}：“{text}”无效，应为 {names} 之一");
        return fallback;
    }

    /// <summary>Accepts the English name (case-insensitive) or the Chinese label.</summary>
    public static bool TryParse<T>(string? text, Func<T, string> label, out T value)
        where T : struct, Enum
    {
        if (CanvassingLabels.TryParseName(text, out value))
        {
            return true;
        }

        var t = text?.Trim();
        foreach (var v in Enum.GetValues<T>())
        {
            if (label(v) == t)
            {
                value = v;
                return true;
            }
        }

        return false;
    }

    public static string ResidencyLabel(Residency r) => r switch
    {
        Residency.Registered => "户籍",
        Residency.Permanent => "常住",
        Residency.Floating => "流动",
        Residency.Tenant => "租户",
        _ => r.ToString(),
    };

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
