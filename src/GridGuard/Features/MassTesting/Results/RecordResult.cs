using GridGuard.Features.ControlPlans;
using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Results;

/// <summary>
/// POST /api/lab-results: the lab's result for one tube (barcode + 阴性/阳性/无效 or Negative/Positive/Invalid), by lab staff
/// (<see cref="MassTestingText.LabStaff"/>) holding a role over the tube's node. The tube and its members change in one
/// transaction (<see cref="ResultPropagation"/>). The same result again changes nothing; a different one is refused
/// (409): it needs a correction with a reason (<see cref="CorrectResult"/>).
/// </summary>
public static class RecordResult
{
    public sealed record Request(string? Barcode, string? Result);

    public sealed record Recorded(Guid TubeId, string Barcode, TestResult Result, SamplingOutcome Outcome, bool Changed,
        int Samplings, int RetestTasks, int ClosedRetests);

    public enum Kind
    {
        Ok,
        Invalid,
        NotFound,
        Forbidden,
        Conflict,
    }

    public sealed record Outcome(Kind Kind, Recorded? Recorded = null, FieldErrors? Errors = null, string? Message = null)
    {
        public ProblemHttpResult ToProblem() => Kind switch
        {
            Kind.NotFound => TypedResults.Problem(Message, statusCode: StatusCodes.Status404NotFound, title: "未找到采样管"),
            Kind.Forbidden => TypedResults.Problem(Message, statusCode: StatusCodes.Status403Forbidden, title: "无权操作"),
            Kind.Conflict => TypedResults.Problem(Message, statusCode: StatusCodes.Status409Conflict, title: "结果冲突"),
            _ => TypedResults.Problem(new HttpValidationProblemDetails(Errors?.ToDictionary() ?? [])
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "输入有误",
            }),
        };
    }

    public const string ForbiddenMessage = "只有检测机构或医务人员可以录入核酸检测结果";

    public static RouteGroupBuilder MapRecordResult(this RouteGroupBuilder group)
    {
        group.MapPost("/", HandleAsync)
            .WithName("RecordLabResult")
            .WithSummary("录入一个采样管的检测结果（阴性、阳性、无效），并传递到管内每个人；同一结果重复录入不变，不同结果需更正");
        return group;
    }

    public static async Task<Results<Ok<Recorded>, ProblemHttpResult>> HandleAsync(Request request, AppDbContext db, CurrentUser me,
        CountyClock clock, AuditLog audit, CancellationToken ct)
    {
        var outcome = await ExecuteAsync(db, me, clock, audit, request, ct);
        return outcome.Kind == Kind.Ok ? TypedResults.Ok(outcome.Recorded!) : outcome.ToProblem();
    }

    public static async Task<Outcome> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock, AuditLog audit, Request request,
        CancellationToken ct)
    {
        var errors = LabResults.Check(request.Barcode, request.Result);

        if (errors.Any)
        {
            return new Outcome(Kind.Invalid, Errors: errors);
        }

        var (tube, refusal) = await FindAsync(db, me, request.Barcode!.Trim(), ct);
        if (tube is null)
        {
            return refusal!;
        }

        var result = LabResults.Parse(request.Result)!.Value;
        if (tube.Result is { } recorded)
        {
            return recorded == result
                ? new Outcome(Kind.Ok, Describe(tube, changed: false, summary: null))
                : new Outcome(Kind.Conflict, Message: LabResults.Conflict(recorded, result));
        }

        var now = clock.UtcNow;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        (tube.Result, tube.ResultAt, tube.ResultById) = (result, now, me.UserId!.Value);
        await db.SaveChangesAsync(ct); // the tube's change is audited by the interceptor
        var summary = await ResultPropagation.PropagateAsync(db,
            [new ResultPropagation.TubeResult(tube.Id, tube.RoundId, tube.PoolSize, result)], me.UserId!.Value, now, clock.Zone, ct);
        audit.Bulk(nameof(Sampling), "LabResult", new { tube = tube.Barcode, result = result.ToString(), summary }, tube.JurisdictionId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new Outcome(Kind.Ok, Describe(tube, changed: true, summary));
    }

    /// <summary>
    /// The tube, tracked, when the user may enter its result: 404 when it is unknown or outside the user's scope, 403 when
    /// it is in scope but the user holds no lab role over it.
    /// </summary>
    public static async Task<(Tube? Tube, Outcome? Refusal)> FindAsync(AppDbContext db, CurrentUser me, string barcode, CancellationToken ct)
    {
        var tube = await db.Tubes.InScopeOf(me, MassTestingText.LabStaff).FirstOrDefaultAsync(t => t.Barcode == barcode, ct);
        if (tube is not null)
        {
            return (tube, null);
        }

        var seen = await db.Tubes.AsNoTracking().InScopeOf(me).AnyAsync(t => t.Barcode == barcode, ct);
        return (null, seen
            ? new Outcome(Kind.Forbidden, Message: ForbiddenMessage)
            : new Outcome(Kind.NotFound, Message: LabResults.UnknownTube));
    }

    private static Recorded Describe(Tube tube, bool changed, ResultPropagation.Summary? summary) =>
        new(tube.Id, tube.Barcode, tube.Result!.Value, PoolingRules.OutcomeFor(tube.Result.Value, tube.PoolSize), changed,
            summary?.Samplings ?? 0, summary?.RetestTasks ?? 0, summary?.ClosedRetests ?? 0);
}
