namespace GridGuard.Features.Canvassing;

/// <summary>How a use case ended, shared by the API endpoint and the page that call the same handler.</summary>
public enum OutcomeKind
{
    Ok,
    Invalid,
    NotFound,
    Forbidden,
}

/// <summary>
/// The result of a write use case: a value, field errors (key = request path, message = Chinese text that names
/// the field), "not found or out of scope", or "in scope but not allowed". Business rules return this, never throw.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000:Do not declare static members on generic types",
    Justification = "Factories read best as Outcome<T>.NotFound() at the call site.")]
public sealed record Outcome<T>(OutcomeKind Kind, T? Value, IDictionary<string, string[]> Errors, string? Message)
{
    public static Outcome<T> Ok(T value) => new(OutcomeKind.Ok, value, new Dictionary<string, string[]>(), null);

    public static Outcome<T> Invalid(IDictionary<string, string[]> errors) => new(OutcomeKind.Invalid, default, errors, null);

    public static Outcome<T> Invalid(string key, string message) => Invalid(new Dictionary<string, string[]> { [key] = [message] });

    public static Outcome<T> NotFound() => new(OutcomeKind.NotFound, default, new Dictionary<string, string[]>(), null);

    public static Outcome<T> Forbidden(string message) => new(OutcomeKind.Forbidden, default, new Dictionary<string, string[]>(), message);

    /// <summary>All error messages in request order, for a summary at the top of a form.</summary>
    public IEnumerable<string> Messages => Errors.Values.SelectMany(m => m);
}
