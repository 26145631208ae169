using GridGuard.Features.Households;

namespace GridGuard.Features.ControlPlans.Plans;

public enum PlanResultKind
{
    Ok,
    Invalid,
    NotFound,
    Conflict,
    Forbidden,
}

/// <summary>How a plan command ended, shared by the API (status codes) and the pages (messages beside the form).</summary>
public sealed record PlanResult<T>(PlanResultKind Kind, T? Value, FieldErrors Errors, string? Message);

public static class PlanResult
{
    public static PlanResult<T> Ok<T>(T value) => new(PlanResultKind.Ok, value, new FieldErrors(), null);

    public static PlanResult<T> Invalid<T>(FieldErrors errors) => new(PlanResultKind.Invalid, default, errors, null);

    public static PlanResult<T> NotFound<T>() => new(PlanResultKind.NotFound, default, new FieldErrors(), null);

    public static PlanResult<T> Conflict<T>(string message) => new(PlanResultKind.Conflict, default, new FieldErrors(), message);

    public static PlanResult<T> Forbidden<T>() => new(PlanResultKind.Forbidden, default, new FieldErrors(), null);
}
