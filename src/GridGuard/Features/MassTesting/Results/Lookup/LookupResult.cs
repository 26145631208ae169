using GridGuard.Features.Canvassing.Tips;
using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Results.Lookup;

/// <summary>
/// POST /api/result-lookup (no login): a resident's own latest mass-testing samplings and outcomes, by ID number plus the
/// phone registered with it. A wrong pair and an unknown number get the same answer, so the endpoint does not tell who
/// is registered; lookups are limited per sender and per ID number (<see cref="LookupLimiter"/>). This is the one read of
/// persons without a user and so without <c>InScopeOf</c>: the pair of ID number and phone is the resident's proof.
/// The answer carries the resident's person code (个人码), which the page shows as a QR code for the sampling site.
/// </summary>
public static class LookupResult
{
    public const int MaxSamplings = 5;

    public const string NotFoundMessage = "未查到检测结果：请核对身份证号和登记的手机号码；刚采样的请稍后再查";

    public sealed class Request
    {
        public string? IdNumber { get; set; }

        public string? Phone { get; set; }
    }

    public sealed record Item(string Round, DateTime SampledAt, string Pool, SamplingOutcome Outcome, string OutcomeLabel,
        string? Instruction);

    /// <param name="PersonCode">The resident's own <see cref="MassTesting.PersonCode"/>, to show the sampler (the page draws it as a QR code).</param>
    public sealed record Answer(string Name, IReadOnlyList<Item> Samplings, string PersonCode);

    public enum Kind
    {
        Found,
        NotFound,
        Invalid,
        Limited,
    }

    public sealed record Result(Kind Kind, Answer? Answer, FieldErrors Errors, LimitHit? Limit);

    public static RouteGroupBuilder MapLookupResult(this RouteGroupBuilder group)
    {
        group.MapPost("/", HandleAsync)
            .AllowAnonymous()
            .WithName("LookupMyTestResult")
            .WithSummary("居民查询本人核酸检测结果和个人码（无需登录；身份证号 + 登记的手机号码；按 IP 与证件号限制查询频率）")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    public static async Task<Results<Ok<Answer>, ProblemHttpResult>> HandleAsync(Request request, HttpContext http, AppDbContext db,
        TipSender sender, LookupLimiter limiter, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, sender.Hash(http.Connection.RemoteIpAddress), limiter, clock, request, ct);
        switch (result.Kind)
        {
            case Kind.Found:
                return TypedResults.Ok(result.Answer!);
            case Kind.Limited:
                http.Response.Headers.RetryAfter = result.Limit!.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(result.Limit.Message, statusCode: StatusCodes.Status429TooManyRequests, title: "查询过于频繁");
            case Kind.NotFound:
                return TypedResults.Problem(NotFoundMessage, statusCode: StatusCodes.Status404NotFound, title: "未查到结果");
            default:
                return TypedResults.Problem(new HttpValidationProblemDetails(result.Errors.ToDictionary())
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "输入有误",
                });
        }
    }

    /// <summary>Shared with the page. <paramref name="senderHash"/> is <see cref="TipSender.Hash"/> of the client's address.</summary>
    public static async Task<Result> ExecuteAsync(AppDbContext db, string senderHash, LookupLimiter limiter, CountyClock clock,
        Request request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var idNumber = request.IdNumber?.Trim().ToUpperInvariant();
        var phone = request.Phone?.Trim();
        if (string.IsNullOrEmpty(idNumber))
        {
            errors.Add(nameof(Request.IdNumber), "身份证号码：不能为空");
        }
        else if (IdNumbers.CheckResidentIdCard(idNumber, clock.Today) is { Valid: false } check)
        {
            errors.Add(nameof(Request.IdNumber), check.Error ?? "身份证号码：格式不正确");
        }
        else
        {
            idNumber = IdNumbers.CheckResidentIdCard(idNumber, clock.Today).Normalized ?? idNumber;
        }

        if (string.IsNullOrEmpty(phone))
        {
            errors.Add(nameof(Request.Phone), "手机号码：不能为空");
        }
        else if (phone.Length > Person.PhoneMaxLength)
        {
            errors.Add(nameof(Request.Phone), "手机号码：格式不正确");
        }

        if (errors.Any)
        {
            return new Result(Kind.Invalid, null, errors, null);
        }

        if (limiter.Check(senderHash, idNumber!) is { } limit)
        {
            return new Result(Kind.Limited, null, errors, limit);
        }

        var person = await db.Persons.AsNoTracking()
            .Where(p => p.IdNumber == idNumber && p.Phone == phone)
            .Select(p => new { p.Id, p.Name })
            .FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return new Result(Kind.NotFound, null, errors, null);
        }

        var rows = await db.Samplings.AsNoTracking()
            .Where(s => s.PersonId == person.Id)
            .OrderByDescending(s => s.SampledAt)
            .Take(MaxSamplings)
            .Join(db.MassTestingRounds, s => s.RoundId, r => r.Id, (s, r) => new { r.Name, s.SampledAt, s.Tube!.PoolSize, s.Outcome })
            .ToListAsync(ct);
        var items = rows
            .OrderByDescending(r => r.SampledAt)
            .Select(r => new Item(r.Name, clock.ToLocal(r.SampledAt), MassTestingText.PoolLabel(r.PoolSize), r.Outcome, r.Outcome.Label(),
                LabResults.Instruction(r.Outcome)))
            .ToList();
        return new Result(Kind.Found, new Answer(MaskName(person.Name), items, PersonCode.Of(person.Id)), errors, null);
    }

    /// <summary>张三 → 张*, 欧阳小明 → 欧***: enough for a resident to recognise, not to learn a name.</summary>
    public static string MaskName(string name) => name.Length <= 1 ? name : name[0] + new string('*', name.Length - 1);
}
