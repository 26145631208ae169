using GridGuard.Features.Canvassing;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using FieldErrors = GridGuard.Features.Households.FieldErrors;

namespace GridGuard.Features.Policies.RiskAreas;

/// <summary>
/// The fields of one risk area as staff enter them (form, API body, import row), and the checks shared by create,
/// edit and import. Keys of the errors are the request's property names.
/// </summary>
public sealed class RiskAreaInput
{
    public string? DivisionCode { get; set; }

    public string? PlaceName { get; set; }

    public string? SubArea { get; set; }

    /// <summary>High, Medium, Low (or 高/中/低, 高风险…).</summary>
    public string? Level { get; set; }

    public DateOnly? From { get; set; }

    /// <summary>Exclusive end; empty while the area is in force.</summary>
    public DateOnly? To { get; set; }

    public string? Source { get; set; }
}

/// <summary>A checked risk area, ready to store.</summary>
public sealed record RiskAreaValues(string PlaceCode, string PlaceName, string? SubArea, RiskLevel Level, DateOnly From,
    DateOnly? To, string? Source);

public static class RiskAreaRules
{
    public const int PlaceNameMaxLength = 100;
    public const int SourceMaxLength = 200;
    public const string PeriodMessage = "风险期：结束日期必须晚于开始日期";

    /// <summary>Admin and county commanders write the list; everyone signed in reads it.</summary>
    public static bool CanEdit(CurrentUser me) => me.Grants.Any(g => RoleNames.PolicyEditors.Contains(g.Role));

    public const string ForbiddenMessage = "您的岗位无权维护风险地区和管控规则（需要县指挥部或系统管理员）";

    /// <summary>
    /// Checks each field; the place name comes from the jurisdiction tree or the shipped division data when the code is
    /// known there and no name was given, and is required otherwise.
    /// </summary>
    public static async Task<RiskAreaValues?> CheckAsync(RiskAreaInput input, AppDbContext db, FieldErrors errors, CancellationToken ct)
    {
        var before = errors.ToDictionary().Count;
        var code = input.DivisionCode?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            errors.Add(nameof(RiskAreaInput.DivisionCode), "地区代码：不能为空");
        }
        else if (!code.All(char.IsAsciiDigit) || code.Length is not (2 or 4 or 6 or 9 or 12))
        {
            errors.Add(nameof(RiskAreaInput.DivisionCode), $"地区代码：“{code}”无效，应为 2、4、6、9 或 12 位数字的区划代码");
            code = null;
        }

        var name = Clean(input.PlaceName);
        if (name is null && code is not null)
        {
            name = await KnownNameAsync(db, code, ct);
        }

        if (name is null && code is not null)
        {
            errors.Add(nameof(RiskAreaInput.PlaceName), $"地区名称：代码 {code} 不在本系统的区划数据中，请填写地区名称");
        }
        else if (name?.Length > PlaceNameMaxLength)
        {
            errors.Add(nameof(RiskAreaInput.PlaceName), $"地区名称：不能超过 {PlaceNameMaxLength} 个字符");
        }

        var subArea = Clean(input.SubArea);
        if (subArea?.Length > RiskArea.SubAreaMaxLength)
        {
            errors.Add(nameof(RiskAreaInput.SubArea), $"具体区域：不能超过 {RiskArea.SubAreaMaxLength} 个字符");
        }

        var level = ParseLevel(input.Level);
        if (string.IsNullOrWhiteSpace(input.Level))
        {
            errors.Add(nameof(RiskAreaInput.Level), "风险等级：不能为空");
        }
        else if (level is null)
        {
            errors.Add(nameof(RiskAreaInput.Level), $"风险等级：“{input.Level}”无效，应为 高、中、低（或 High、Medium、Low）");
        }

        if (input.From is null)
        {
            errors.Add(nameof(RiskAreaInput.From), "开始日期：不能为空");
        }
        else if (input.To is { } to && to <= input.From)
        {
            errors.Add(nameof(RiskAreaInput.To), PeriodMessage);
        }

        var source = Clean(input.Source);
        if (source?.Length > SourceMaxLength)
        {
            errors.Add(nameof(RiskAreaInput.Source), $"发布来源：不能超过 {SourceMaxLength} 个字符");
        }

        return errors.ToDictionary().Count > before || code is null || name is null || level is null || input.From is null
            ? null
            : new RiskAreaValues(code, name, subArea, level.Value, input.From.Value, input.To, source);
    }

    /// <summary>High/Medium/Low, 高/中/低, 高风险/中风险/低风险.</summary>
    public static RiskLevel? ParseLevel(string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t))
        {
            return null;
        }

        if (CanvassingLabels.TryParseName<RiskLevel>(t, out var parsed))
        {
            return parsed;
        }

        return t switch
        {
            "高" or "高风险" or "高风险地区" => RiskLevel.High,
            "中" or "中风险" or "中风险地区" => RiskLevel.Medium,
            "低" or "低风险" or "低风险地区" => RiskLevel.Low,
            _ => null,
        };
    }

    public static async Task<string?> KnownNameAsync(AppDbContext db, string code, CancellationToken ct) =>
        await db.Jurisdictions.AsNoTracking().Where(j => j.Code == code).Select(j => j.Name).FirstOrDefaultAsync(ct)
        ?? DivisionNames.Of(code);

    public static void Apply(RiskArea area, RiskAreaValues v)
    {
        area.PlaceCode = v.PlaceCode;
        area.PlaceName = v.PlaceName;
        area.SubArea = v.SubArea;
        area.Level = v.Level;
        area.From = v.From;
        area.To = v.To;
        area.Source = v.Source;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
