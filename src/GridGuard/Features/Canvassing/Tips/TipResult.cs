namespace GridGuard.Features.Canvassing.Tips;

public enum TipResultKind
{
    Ok,
    Invalid,
    NotFound,
    Conflict,
}

/// <summary>
/// How a triage or ledger command ended, shared by the API (status codes) and the pages (messages beside the form):
/// a value, field errors with Chinese messages, "not found or out of scope", or a conflict with the record's state.
/// </summary>
public sealed record TipResult<T>(TipResultKind Kind, T? Value, Households.FieldErrors Errors, string? Message);

public static class TipResult
{
    public static TipResult<T> Ok<T>(T value) => new(TipResultKind.Ok, value, new Households.FieldErrors(), null);

    public static TipResult<T> Invalid<T>(Households.FieldErrors errors) => new(TipResultKind.Invalid, default, errors, null);

    public static TipResult<T> NotFound<T>() => new(TipResultKind.NotFound, default, new Households.FieldErrors(), null);

    public static TipResult<T> Conflict<T>(string message) => new(TipResultKind.Conflict, default, new Households.FieldErrors(), message);

    /// <summary>Trims; null when empty; an error when longer than <paramref name="max"/> or holding control characters.</summary>
    public static string? Text(string? value, int max, string field, string label, Households.FieldErrors errors, bool multiline = false)
    {
        var t = value?.Trim();
        if (string.IsNullOrEmpty(t))
        {
            return null;
        }

        if (t.Length > max)
        {
            errors.Add(field, $"{label}：不能超过 {max} 个字符");
        }
        else if (t.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
        {
            errors.Add(field, $"{label}：不能包含控制字符");
        }

        return t;
    }
}
