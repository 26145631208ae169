using GridGuard.Features.ControlPlans;
using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using static GridGuard.Features.MassTesting.Results.RecordResult;

namespace GridGuard.Features.MassTesting.Results;

/// <summary>
/// POST /api/lab-results/correction: replaces a tube's recorded result with another, with a mandatory reason
/// (<see cref="Tube.CorrectionReason"/>). In one transaction: what the old result did that the new one does not overwrite
/// is taken back (<see cref="ResultPropagation.UndoAsync"/>), the tube changes (audited by the interceptor, old and new
/// values) and the new result propagates as a first one would; one audit line names the reason and the members.
/// </summary>
public static class CorrectResult
{
    public sealed record Request(string? Barcode, string? Result, string? Reason);

    public static RouteGroupBuilder MapCorrectResult(this RouteGroupBuilder group)
    {
        group.MapPost("/correction", HandleAsync)
            .WithName("CorrectLabResult")
            .WithSummary("更正一个采样管的检测结果（必须说明原因，留痕），并重新传递到管内每个人");
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

        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            errors.Add(nameof(Request.Reason), "更正原因：不能为空，请说明为什么更正");
        }
        else if (reason.Length > Tube.CorrectionReasonMaxLength)
        {
            errors.Add(nameof(Request.Reason), $"更正原因：不能超过 {Tube.CorrectionReasonMaxLength} 个字");
        }

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
        if (tube.Result is not { } previous)
        {
            return new Outcome(Kind.Conflict, Message: "检测结果：该采样管还没有结果，无需更正，请直接录入");
        }

        if (previous == result)
        {
            return new Outcome(Kind.Invalid, Errors: One(nameof(Request.Result), $"检测结果：与原结果“{previous.Label()}”相同，无需更正"));
        }

        var now = clock.UtcNow;
        var userId = me.UserId!.Value;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ResultPropagation.UndoAsync(db, new ResultPropagation.TubeResult(tube.Id, tube.RoundId, tube.PoolSize, previous), reason!,
            userId, now, ct);
        (tube.Result, tube.ResultAt, tube.ResultById, tube.CorrectionReason) = (result, now, userId, reason);
        await db.SaveChangesAsync(ct); // audited by the interceptor: old and new result, the reason
        var summary = await ResultPropagation.PropagateAsync(db,
            [new ResultPropagation.TubeResult(tube.Id, tube.RoundId, tube.PoolSize, result)], userId, now, clock.Zone, ct);
        audit.Bulk(nameof(Sampling), "LabResultCorrection",
            new { tube = tube.Barcode, from = previous.ToString(), to = result.ToString(), reason, summary }, tube.JurisdictionId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new Outcome(Kind.Ok, new Recorded(tube.Id, tube.Barcode, result, PoolingRules.OutcomeFor(result, tube.PoolSize), true,
            summary.Samplings, summary.RetestTasks, summary.ClosedRetests));
    }

    private static FieldErrors One(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors;
    }
}
