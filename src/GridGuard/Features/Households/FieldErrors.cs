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
