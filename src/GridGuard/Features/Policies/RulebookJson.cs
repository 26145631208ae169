using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using GridGuard.Features.Households;

namespace GridGuard.Features.Policies;

/// <summary>
/// Reads and writes rulebooks as JSON (System.Text.Json, camelCase, enums as names, Chinese left readable).
/// Unknown fields are refused, so a typo such as "tesDays" is an error instead of a rule without tests.
/// </summary>
public static class RulebookJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Parses and validates; null with errors in <paramref name="errors"/> when anything is wrong.</summary>
    public static Rulebook? Read(string json, FieldErrors errors) =>
        ReadDocument(json, errors) is { } document ? RulebookValidator.Validate(document, errors) : null;

    /// <summary>Parses without validating (a caller may set the name, version or date first); null with errors when unreadable.</summary>
    public static RulebookDocument? ReadDocument(string json, FieldErrors errors)
    {
        RulebookDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<RulebookDocument>(json, Options);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"第 {line + 1} 行" : "";
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" {e.Path}";
            errors.Add("json", $"JSON：{where}{path} 无法读取（格式错误、未知字段或类型不符）");
            return null;
        }

        if (document is null)
        {
            errors.Add("json", "JSON：内容为空");
        }

        return document;
    }

    public static string Write(Rulebook rulebook) => JsonSerializer.Serialize(RulebookDocument.From(rulebook), Options);
}
