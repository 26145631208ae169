using Microsoft.AspNetCore.Http.HttpResults;

namespace GridGuard.Features.Households;

public enum RegistryStatus
{
    Ok,
    Invalid,
    NotFound,
    Forbidden,
    Duplicate,
}

/// <summary>
/// The outcome of a registry command, shared by the API (mapped to status codes) and the pages (shown beside the
/// form). Business rules return one of these; they never throw.
/// </summary>
public sealed record RegistryResult(RegistryStatus Status, Guid? Id = null, FieldErrors? Errors = null,
    string? Message = null, Guid? ExistingPersonId = null)
{
    public static RegistryResult Ok(Guid id) => new(RegistryStatus.Ok, id);

    public static RegistryResult Invalid(FieldErrors errors) => new(RegistryStatus.Invalid, Errors: errors);

    public static RegistryResult Invalid(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return Invalid(errors);
    }

    public static RegistryResult NotFound() => new(RegistryStatus.NotFound);

    public static RegistryResult Forbidden(string message) => new(RegistryStatus.Forbidden, Message: message);

    /// <summary>The identity number is already registered; the existing person is named only when in scope.</summary>
    public static RegistryResult Duplicate(string message, Guid? existingPersonId)
    {
        var errors = new FieldErrors();
        errors.Add("IdNumber", message);
        return new(RegistryStatus.Duplicate, Errors: errors, Message: message, ExistingPersonId: existingPersonId);
    }

    /// <summary>400 with field errors, 403 or 409 as ProblemDetails (Chinese), for the API.</summary>
    public ProblemHttpResult ToProblem() => Status switch
    {
        RegistryStatus.Forbidden => TypedResults.Problem(Message, statusCode: StatusCodes.Status403Forbidden, title: "无权操作"),
        RegistryStatus.Duplicate => TypedResults.Problem(new HttpValidationProblemDetails(Errors!.ToDictionary())
        {
            Status = StatusCodes.Status409Conflict,
            Title = "证件号码已登记",
            Detail = Message,
            Extensions =
            {
                ["existingPersonId"] = ExistingPersonId,
                ["existingPersonUrl"] = ExistingPersonId is { } id ? $"/persons/{id}" : null,
            },
        }),
        _ => TypedResults.Problem(new HttpValidationProblemDetails(Errors?.ToDictionary() ?? [])
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "输入有误",
        }),
    };
}
