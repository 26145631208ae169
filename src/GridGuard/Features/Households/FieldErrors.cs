namespace GridGuard.Features.Households;

/// <summary>Chinese messages per field ("姓名：不能为空"), shown beside the inputs and returned as ValidationProblem.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = [];

    public bool Any => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>
    /// A trimmed free-text field: null when empty (an error "标签：不能为空" when required) or too long (an error naming the
    /// limit and the length); otherwise the text.
    /// </summary>
    public string? Text(string? input, string field, string label, int max, bool required)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Add(field, $"{label}：不能为空");
            }

            return null;
        }

        if (text.Length > max)
        {
            Add(field, $"{label}：不能超过 {max} 个字符（现有 {text.Length} 个）");
            return null;
        }

        return text;
    }

    public IReadOnlyList<string> For(string field) => errors.TryGetValue(field, out var list) ? list : [];

    public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public static FieldErrors From(IDictionary<string, string[]>? source)
    {
        var result = new FieldErrors();
        foreach (var (field, messages) in source ?? new Dictionary<string, string[]>())
        {
            foreach (var m in messages)
            {
                result.Add(field, m);
            }
        }

        return result;
    }
}
