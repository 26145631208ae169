using System.Text.Json;
using GridGuard.Platform;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Canvassing.Tips;

/// <summary>
/// POST /api/tips/{id}/reject: staff reject a tip with a reason. The tip has no column for the reason (no model change),
/// so it is kept in the audit log: the interceptor records the status change and an explicit line in the same
/// SaveChanges records the reason (<see cref="GetTip.RejectReasonField"/>), which the tip's detail reads back.
/// Rejecting again changes nothing; a confirmed tip cannot be rejected (409).
/// </summary>
public static class RejectTip
{
    public const int ReasonMaxLength = 200;

    public sealed class Request
    {
        public string? Reason { get; set; }
    }

    public static RouteGroupBuilder MapRejectTip(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/reject", HandleAsync).WithName("RejectTip").WithSummary("驳回线索（须填写理由，记入操作日志）");
        return group;
    }

    public static async Task<Results<Ok<GetTip.Detail>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(Guid id,
        Request request, AppDbContext db, CurrentUser me, CountyClock clock, IHttpContextAccessor http, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, http.HttpContext, id, request, ct);
        return result.Kind switch
        {
            TipResultKind.Ok => TypedResults.Ok(result.Value),
            TipResultKind.Invalid => TypedResults.ValidationProblem(result.Errors.ToDictionary(), title: "驳回线索有误"),
            TipResultKind.Conflict => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "线索状态不允许此操作"),
            _ => TypedResults.NotFound(),
        };
    }

    public static async Task<TipResult<GetTip.Detail>> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock,
        HttpContext? http, Guid tipId, Request request, CancellationToken ct)
    {
        var tip = await db.Tips.InScopeOf(me, TipText.Staff).FirstOrDefaultAsync(t => t.Id == tipId, ct);
        if (tip is null)
        {
            return TipResult.NotFound<GetTip.Detail>();
        }

        var errors = new Households.FieldErrors();
        var reason = TipResult.Text(request.Reason, ReasonMaxLength, nameof(Request.Reason), "驳回理由", errors, multiline: true);
        if (reason is null && !errors.Any)
        {
            errors.Add(nameof(Request.Reason), "驳回理由：不能为空");
        }

        if (tip.Status == TipStatus.New && errors.Any)
        {
            return TipResult.Invalid<GetTip.Detail>(errors);
        }

        if (tip.Status == TipStatus.New)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.Tips.Where(t => t.Id == tip.Id && t.Status == TipStatus.New)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TipStatus.Rejected), ct);
            if (claimed == 1)
            {
                tip.Status = TipStatus.Rejected;
                var (userId, userName) = AuditInterceptor.Actor(http);
                db.AuditEntries.Add(new AuditEntry
                {
                    At = clock.UtcNow,
                    UserId = userId,
                    UserName = userName,
                    Entity = nameof(Tip),
                    EntityId = tip.Id.ToString(),
                    Action = AuditAction.Modified,
                    Changes = JsonSerializer.Serialize(new Dictionary<string, string?[]> { [GetTip.RejectReasonField] = [null, reason] }, AuditLog.Json),
                    // Filed like the interceptor's line about the tip: without a node, since it concerns a tipster.
                    JurisdictionId = null,
                });
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            else
            {
                await tx.RollbackAsync(ct);
                await db.Entry(tip).ReloadAsync(ct);
            }
        }

        return tip.Status == TipStatus.Confirmed
            ? TipResult.Conflict<GetTip.Detail>("线索：已确认为重点人员，不能再驳回")
            : TipResult.Ok((await GetTip.LoadAsync(db, me, tip.Id, ct))!);
    }
}
