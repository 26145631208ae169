using Microsoft.AspNetCore.Http.HttpResults;
using FieldErrors = GridGuard.Features.Households.FieldErrors;

namespace GridGuard.Features.Policies.RiskAreas;

public enum RiskAreaStatus
{
    Ok,
    Invalid,
    Forbidden,
    NotFound,
}

/// <summary>The outcome of a write to the risk-area list (or a policy version), shared by the API and the pages.</summary>
public sealed record RiskAreaResult<T>(RiskAreaStatus Status, T? Value = default, FieldErrors? Errors = null)
{
    public ProblemHttpResult ForbiddenProblem() =>
        TypedResults.Problem(RiskAreaRules.ForbiddenMessage, statusCode: StatusCodes.Status403Forbidden, title: "无权操作");

    public ValidationProblem InvalidProblem(string title) => TypedResults.ValidationProblem(Errors!.ToDictionary(), title: title);
}

public static class RiskAreaResult
{
    public static RiskAreaResult<T> Ok<T>(T value) => new(RiskAreaStatus.Ok, value);

    public static RiskAreaResult<T> Invalid<T>(FieldErrors errors) => new(RiskAreaStatus.Invalid, Errors: errors);

    public static RiskAreaResult<T> Forbidden<T>() => new(RiskAreaStatus.Forbidden);

    public static RiskAreaResult<T> NotFound<T>() => new(RiskAreaStatus.NotFound);
}
