using GridGuard.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridGuard.Features.Households;

/// <summary>
/// GET /api/persons/id-check?type=ResidentIdCard&amp;number=...: checks an identity number as DOMAIN.md §2 says,
/// for forms and API clients. Stores nothing and logs no number.
/// </summary>
public static class CheckIdNumber
{
    public sealed record Response(bool Valid, string? Normalized, string? BirthDate, string? Sex, string? Error);

    public static RouteGroupBuilder MapCheckIdNumber(this RouteGroupBuilder group)
    {
        group.MapGet("/id-check", Handle)
            .WithName("CheckIdNumber")
            .WithSummary("校验证件号码（身份证校验位、出生日期、省份；15 位转 18 位）");
        return group;
    }

    public static Results<Ok<Response>, ProblemHttpResult> Handle(string? type, string? number, CountyClock clock)
    {
        var idType = IdType.ResidentIdCard;
        if (!string.IsNullOrEmpty(type) && (!Enum.TryParse(type, ignoreCase: true, out idType) || int.TryParse(type, out _)))
        {
            return TypedResults.Problem($"证件类型：“{type}”无效，应为 {string.Join("、", Enum.GetNames<IdType>())} 之一",
                statusCode: StatusCodes.Status400BadRequest, title: "参数错误");
        }

        var check = IdNumbers.Check(idType, number, clock.Today);
        return TypedResults.Ok(new Response(
            check.Valid,
            check.Normalized,
            check.BirthDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            check.Sex?.ToString(),
            check.Error));
    }
}
