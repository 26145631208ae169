using GridGuard.Features.Canvassing;
using GridGuard.Features.ControlPlans.Plans;
using GridGuard.Platform;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.ControlPlans.Release;

/// <summary>
/// GET /api/plans/{id}/release: the four release conditions of an active plan and who has signed.
/// POST /api/plans/{id}/release/sign {"as": "Steward" | "Medical"}: the caller signs as the steward (包保干部) or the
/// medical staff (包保医务人员). A signature is taken only while the other three conditions hold, only from a user who
/// holds that role at the plan's node, and never twice from one user; the second signature releases the plan (解除),
/// audited with the conditions as they stood.
/// </summary>
public static class ReleasePlan
{
    public sealed record Signature(string Kind, string KindLabel, string SignerName, DateTime SignedAt);

    public sealed record Test(Guid Id, DateOnly Due, string? Result);

    public sealed record Status(Guid PlanId, string PersonName, string PlanStatus, IReadOnlyList<ReleaseCondition> Conditions,
        IReadOnlyList<Signature> Signatures, DateTime? ReleasedAt, IReadOnlyList<string> CanSignAs, IReadOnlyList<Test> Tests);

    public sealed class Request
    {
        public string? As { get; set; }
    }

    public static RouteGroupBuilder MapReleasePlan(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/release", async (Guid id, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct) =>
                await LoadAsync(db, me, clock, id, ct) is { } s ? Results.Ok(s) : Results.NotFound())
            .WithName("GetPlanRelease").WithSummary("解除隔离的四项条件与签字情况");
        group.MapPost("/{id:guid}/release/sign", HandleAsync).WithName("SignPlanRelease")
            .WithSummary("解除签字（包保干部或包保医务人员，两人各签一次；第二人签字后计划解除）");
        return group;
    }

    public static async Task<Results<Ok<Status>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(Guid id, Request request,
        AppDbContext db, CurrentUser me, CountyClock clock, AuditLog audit, CancellationToken ct)
    {
        var result = await SignAsync(db, me, clock, audit, id, request, ct);
        return result.Kind switch
        {
            PlanResultKind.Ok => TypedResults.Ok(result.Value),
            PlanResultKind.Invalid => TypedResults.ValidationProblem(result.Errors.ToDictionary(), title: "输入有误"),
            PlanResultKind.Conflict => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "暂不能签字"),
            PlanResultKind.Forbidden => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status403Forbidden, title: "无权签字"),
            _ => TypedResults.NotFound(),
        };
    }

    public static async Task<Status?> LoadAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid id, CancellationToken ct)
    {
        var plan = await db.ControlPlans.AsNoTracking().InScopeOf(me, ReleaseText.Viewers)
            .Where(p => p.Id == id)
            .Select(p => new { p.Id, p.Status, p.EndsOn, p.ReleasedAt, PersonName = p.Person!.Name, Path = p.Jurisdiction!.Path })
            .FirstOrDefaultAsync(ct);
        if (plan is null)
        {
            return null;
        }

        var tests = await db.PlanTests.AsNoTracking().Where(t => t.ControlPlanId == id)
            .OrderBy(t => t.Due).Select(t => new { t.Id, t.Due, t.Result }).ToListAsync(ct);
        var lastTest = tests.LastOrDefault();
        var lastAbnormal = await db.HealthChecks.AsNoTracking().Where(c => c.ControlPlanId == id && c.Abnormal)
            .OrderByDescending(c => c.CheckedAt).Select(c => (DateTime?)c.CheckedAt).FirstOrDefaultAsync(ct);
        var signatures = await db.PlanSignatures.AsNoTracking().Where(s => s.ControlPlanId == id).OrderBy(s => s.SignedAt)
            .ToListAsync(ct);
        var conditions = ReleaseRules.Before(plan.EndsOn, clock.Today, lastTest?.Due,
                lastTest is null ? null : lastTest.Result == TestResult.Negative ? true : lastTest.Result is null ? null : false,
                lastAbnormal is { } at ? clock.ToLocal(at) : null, clock.LocalNow).ToList();
        conditions.Add(ReleaseRules.Signatures([.. signatures.Select(s => (s.Kind, s.UserId, s.SignerName))]));
        var canSign = plan.Status != ControlPlans.PlanStatus.Active || signatures.Any(s => s.UserId == me.UserId)
            ? []
            : Enum.GetValues<SignatureKind>()
                .Where(k => signatures.All(s => s.Kind != k) && me.HoldsAt(plan.Path, ReleaseRules.SignersOf(k)))
                .Select(k => k.ToString()).ToList();
        return new Status(plan.Id, plan.PersonName, plan.Status.ToString(), conditions,
            [.. signatures.Select(s => new Signature(s.Kind.ToString(), s.Kind.Label(), s.SignerName, s.SignedAt))], plan.ReleasedAt, canSign,
            [.. tests.Select(t => new Test(t.Id, t.Due, t.Result?.ToString()))]);
    }

    public static async Task<PlanResult<Status>> SignAsync(AppDbContext db, CurrentUser me, CountyClock clock, AuditLog audit, Guid id,
        Request request, CancellationToken ct)
    {
        var errors = new Households.FieldErrors();
        if (!Enum.TryParse<SignatureKind>(request.As?.Trim(), ignoreCase: false, out var kind) || !Enum.IsDefined(kind))
        {
            errors.Add(nameof(Request.As), "签字身份：请选择 Steward（包保干部）或 Medical（包保医务人员）");
            return PlanResult.Invalid<Status>(errors);
        }

        var status = await LoadAsync(db, me, clock, id, ct);
        if (status is null)
        {
            return PlanResult.NotFound<Status>();
        }

        if (status.PlanStatus != nameof(ControlPlans.PlanStatus.Active))
        {
            return PlanResult.Conflict<Status>("管控计划：只有执行中的计划可以解除");
        }

        if (status.Signatures.Any(s => s.Kind == kind.ToString()))
        {
            return PlanResult.Conflict<Status>($"签字：{kind.Label()}已签字");
        }

        if (!status.CanSignAs.Contains(kind.ToString()))
        {
            return await db.PlanSignatures.AnyAsync(s => s.ControlPlanId == id && s.UserId == me.UserId, ct)
                ? PlanResult.Conflict<Status>("签字：同一人不能签两次，解除需包保干部和包保医务人员两人签字")
                : new PlanResult<Status>(PlanResultKind.Forbidden, null, new(), $"签字：您在该计划所在网格没有{kind.Label()}的岗位");
        }

        var unmet = status.Conditions.Take(3).Where(c => !c.Met).ToList();
        if (unmet.Count > 0)
        {
            return PlanResult.Conflict<Status>("尚不满足解除条件：" + string.Join("；", unmet.Select(c => $"{c.Name}（{c.Detail}）")));
        }

        var now = clock.UtcNow;
        db.PlanSignatures.Add(new PlanSignature
        {
            ControlPlanId = id,
            Kind = kind,
            UserId = me.UserId!.Value,
            SignerName = me.DisplayName,
            SignedAt = now,
        });
        if (status.Signatures.Count == 1)
        {
            var plan = await db.ControlPlans.FirstAsync(p => p.Id == id, ct);
            plan.Status = ControlPlans.PlanStatus.Released;
            plan.ReleasedAt = now;
            plan.UpdatedAt = now;
            var line = audit.Bulk(nameof(ControlPlan), "解除", new
            {
                计划 = id,
                条件 = status.Conditions.Take(3).Select(c => $"{c.Name}：{c.Detail}"),
                签字 = status.Signatures.Select(s => $"{s.KindLabel} {s.SignerName}").Append($"{kind.Label()} {me.DisplayName}"),
            }, plan.JurisdictionId);
            line.EntityId = id.ToString();
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A twin signature raced this one past the checks; the unique indexes kept one.
            return PlanResult.Conflict<Status>("签字：已有人以该身份签字，或您已签过字");
        }

        return PlanResult.Ok((await LoadAsync(db, me, clock, id, ct))!);
    }
}
