using GridGuard.Features.Households;

namespace GridGuard.Features.ControlPlans.Arrivals;

/// <summary>
/// Field rules of an arrival report (返乡报备), each adding a Chinese message that names the field under the
/// request's property name. Dates are checked against the county's today.
/// </summary>
public static class ArrivalFields
{
    public const int PlaceNameMaxLength = 100;

    /// <summary>A division code as typed: 2–12 digits (province … village). Null when empty.</summary>
    public static string? PlaceCode(string? input, string field, string label, FieldErrors errors)
    {
        var code = input?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        if (code.Length is < 2 or > 12 || !code.All(char.IsAsciiDigit))
        {
            errors.Add(field, $"{label}：应为 2–12 位数字的行政区划代码，如 110105");
            return null;
        }

        return code;
    }

    public static string? Text(string? input, int max, string field, string label, FieldErrors errors, bool required)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                errors.Add(field, $"{label}：不能为空");
            }

            return null;
        }

        if (text.Length > max)
        {
            errors.Add(field, $"{label}：不能超过 {max} 个字符");
        }
        else if (text.Any(char.IsControl))
        {
            errors.Add(field, $"{label}：不能包含控制字符");
        }

        return text;
    }

    /// <summary>Departure and arrival: both required, arrival not after today and not before departure.</summary>
    public static void Trip(DateOnly? departed, DateOnly? arrived, DateOnly today, FieldErrors errors)
    {
        if (departed is null)
        {
            errors.Add(nameof(FileArrival.Request.DepartedOn), "出发日期：不能为空");
        }
        else if (departed > today)
        {
            errors.Add(nameof(FileArrival.Request.DepartedOn), $"出发日期：不能晚于今天（{today:yyyy-MM-dd}）");
        }

        if (arrived is null)
        {
            errors.Add(nameof(FileArrival.Request.ArrivedOn), "抵达日期：不能为空");
        }
        else if (arrived > today)
        {
            errors.Add(nameof(FileArrival.Request.ArrivedOn), $"抵达日期：不能晚于今天（{today:yyyy-MM-dd}），请抵达后再报备");
        }
        else if (departed is { } d && arrived < d)
        {
            errors.Add(nameof(FileArrival.Request.ArrivedOn), "抵达日期：不能早于出发日期");
        }
    }

    /// <summary>
    /// The stays of the last 14 days: rows left wholly blank are skipped; each other row needs a code and both dates,
    /// with the end not before the start. Without any row, the origin (its code) is the one stay: from 14 days before
    /// arrival (or the departure day, whichever is earlier) to the departure day.
    /// </summary>
    public static List<ArrivalStay> Stays(IReadOnlyList<FileArrival.StayRow>? rows, string? originCode, string? originName,
        DateOnly? departed, DateOnly? arrived, DateOnly today, FieldErrors errors)
    {
        var stays = new List<ArrivalStay>();
        for (var i = 0; i < (rows?.Count ?? 0); i++)
        {
            var row = rows![i];
            if (string.IsNullOrWhiteSpace(row.PlaceCode) && string.IsNullOrWhiteSpace(row.PlaceName)
                && string.IsNullOrWhiteSpace(row.SubArea) && row.From is null && row.To is null)
            {
                continue;
            }

            var n = i + 1;
            var key = $"Stays[{i}]";
            var code = PlaceCode(row.PlaceCode, key + ".PlaceCode", $"旅居史第 {n} 行地区代码", errors);
            if (code is null && string.IsNullOrWhiteSpace(row.PlaceCode))
            {
                errors.Add(key + ".PlaceCode", $"旅居史第 {n} 行地区代码：不能为空");
            }

            var name = Text(row.PlaceName, PlaceNameMaxLength, key + ".PlaceName", $"旅居史第 {n} 行地名", errors, required: false);
            var sub = Text(row.SubArea, Policies.RiskArea.SubAreaMaxLength, key + ".SubArea", $"旅居史第 {n} 行小区/街道", errors, required: false);
            if (row.From is null)
            {
                errors.Add(key + ".From", $"旅居史第 {n} 行开始日期：不能为空");
            }

            if (row.To is null)
            {
                errors.Add(key + ".To", $"旅居史第 {n} 行结束日期：不能为空");
            }
            else if (row.From is { } f && row.To < f)
            {
                errors.Add(key + ".To", $"旅居史第 {n} 行结束日期：不能早于开始日期");
            }
            else if (row.To > today)
            {
                errors.Add(key + ".To", $"旅居史第 {n} 行结束日期：不能晚于今天（{today:yyyy-MM-dd}）");
            }

            if (code is not null && row.From is { } from && row.To is { } to)
            {
                stays.Add(new ArrivalStay { PlaceCode = code, PlaceName = name, SubArea = sub, From = from, To = to });
            }
        }

        if (stays.Count == 0 && !errors.Any && originCode is not null && departed is { } dep && arrived is { } arr)
        {
            var start = arr.AddDays(-14);
            stays.Add(new ArrivalStay { PlaceCode = originCode, PlaceName = originName, From = start < dep ? start : dep, To = dep });
        }
        else if (stays.Count == 0 && !errors.Any)
        {
            errors.Add(nameof(FileArrival.Request.Stays), "旅居史：请至少填写出发地的行政区划代码，或添加一条停留记录");
        }

        return stays;
    }

    /// <summary>The declared test: a date (not after today) and a result (阴性/阳性), both or neither.</summary>
    public static (DateOnly? Date, bool? Negative) Proof(DateOnly? date, string? result, DateOnly today, FieldErrors errors)
    {
        bool? negative = null;
        var text = result?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            if (text is "Negative" or "negative" or "阴性")
            {
                negative = true;
            }
            else if (text is "Positive" or "positive" or "阳性")
            {
                negative = false;
            }
            else
            {
                errors.Add(nameof(FileArrival.Request.TestResult), $"核酸检测结果：“{text}”无效，应为 阴性 或 阳性");
            }
        }

        if (date is { } d && d > today)
        {
            errors.Add(nameof(FileArrival.Request.TestDate), $"核酸检测日期：不能晚于今天（{today:yyyy-MM-dd}）");
        }
        else if (date is not null && negative is null && string.IsNullOrEmpty(text))
        {
            errors.Add(nameof(FileArrival.Request.TestResult), "核酸检测结果：填写了检测日期时不能为空");
        }
        else if (date is null && negative is not null)
        {
            errors.Add(nameof(FileArrival.Request.TestDate), "核酸检测日期：填写了检测结果时不能为空");
        }

        return (date, negative);
    }
}
