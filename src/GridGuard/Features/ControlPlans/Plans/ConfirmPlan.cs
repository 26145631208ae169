using GridGuard.Features.Canvassing;
using GridGuard.Features.ControlPlans.Arrivals;
using GridGuard.Features.Policies;
using GridGuard.Platform;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.ControlPlans.Plans;

/// <summary>
/// POST /api/plans/{id}/confirm: staff confirm a proposed plan (Proposed → Active, ConfirmedBy/At).
/// - A proposed special-group exception needs a choice — Keep (home quarantine with daily visits) or Override (the plan is
///   recomputed with KeepCentralForSpecialGroup, central as the rule says) — and a reason.
/// - A plan that needs a manual decision cannot be confirmed as is: staff give a reason and either a category (and risk
///   level) to recompute with under the same policy version, or NoMeasures (→ Cancelled).
/// The plan is placed again by <see cref="PlanNode"/> (the person may have joined a household since it was computed).
/// The interceptor records the plan's fields (policy, version, rule, exception); one explicit audit line records the
/// decision with its reason.
/// </summary>
public static class ConfirmPlan
{
    public const int ReasonMaxLength = 200;

    public sealed class Request
    {
        /// <summary>Keep or Override, when the special-group exception is proposed.</summary>
        public string? ExceptionDecision { get; set; }

        /// <summary>Recompute or NoMeasures, when a manual decision is required.</summary>
        public string? Decision { get; set; }

        /// <summary>For Recompute: the KeyPersonCategory to compute with.</summary>
        public string? Category { get; set; }

        /// <summary>For Recompute: High, Medium or Low; empty to keep the trip's level.</summary>
        public string? RiskLevel { get; set; }

        public string? Reason { get; set; }
    }

    public static RouteGroupBuilder MapConfirmPlan(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/confirm", HandleAsync).WithName("ConfirmPlan")
            .WithSummary("确认管控计划（特殊人群例外须选择保留或否决并说明理由；需人工决定的须先作出决定）");
        return group;
    }

    public static async Task<Results<Ok<GetPlan.Detail>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(Guid id,
        Request request, AppDbContext db, CurrentUser me, CountyClock clock, AuditLog audit, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, audit, id, request, ct);
        return result.Kind switch
        {
            PlanResultKind.Ok => TypedResults.Ok(result.Value),
            PlanResultKind.Invalid => TypedResults.ValidationProblem(result.Errors.ToDictionary(), title: "确认管控计划有误"),
            PlanResultKind.Conflict => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "计划状态不允许此操作"),
            _ => TypedResults.NotFound(),
        };
    }

    public static async Task<PlanResult<GetPlan.Detail>> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock, AuditLog audit,
        Guid planId, Request request, CancellationToken ct)
    {
        var plan = await db.ControlPlans.InScopeOf(me, PlanText.Staff)
            .Include(p => p.Phases).Include(p => p.Tests)
            .FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null)
        {
            return PlanResult.NotFound<GetPlan.Detail>();
        }

        if (plan.Status != PlanStatus.Proposed)
        {
            return PlanResult.Conflict<GetPlan.Detail>($"管控计划：当前状态为“{plan.Status.Label()}”，只有待确认的计划可以确认");
        }

        var errors = new Households.FieldErrors();
        var reason = ArrivalFields.Text(request.Reason, ReasonMaxLength, nameof(Request.Reason), "理由", errors, required: false);
        var now = clock.UtcNow;
        var decision = "确认";
        if (plan.ManualDecisionRequired)
        {
            var manual = await DecideManuallyAsync(db, clock, plan, request, reason, errors, now, ct);
            if (errors.Any)
            {
                return PlanResult.Invalid<GetPlan.Detail>(errors);
            }

            decision = manual;
        }

        if (plan.Status == PlanStatus.Proposed && plan.Exception == PlanException.Proposed)
        {
            decision += await DecideExceptionAsync(db, clock, plan, request, reason, errors, now, ct);
            if (errors.Any)
            {
                return PlanResult.Invalid<GetPlan.Detail>(errors);
            }
        }

        if (plan.Status == PlanStatus.Proposed)
        {
            plan.Status = PlanStatus.Active;
        }

        if (plan.Source == PlanSource.ArrivalReport
            && await db.ArrivalReports.AsNoTracking().Where(r => r.Id == plan.SourceId).Select(r => (Guid?)r.JurisdictionId)
                .FirstOrDefaultAsync(ct) is { } reportNode)
        {
            // The person may have joined a household since the plan was computed: the plan moves to its grid.
            plan.JurisdictionId = await PlanNode.ForAsync(db, me, plan.PersonId, reportNode, ct);
        }

        plan.ConfirmedById = me.UserId;
        plan.ConfirmedAt = now;
        plan.UpdatedAt = now;
        var line = audit.Bulk(nameof(ControlPlan), decision, new
        {
            计划 = plan.Id,
            决定 = decision,
            理由 = reason,
            管控规则 = plan.PolicyName,
            版本 = plan.PolicyVersion,
            规则 = plan.RuleId,
            类别 = plan.Category.ToString(),
            风险等级 = plan.RiskLevel?.ToString(),
            例外 = plan.Exception.ToString(),
            状态 = plan.Status.ToString(),
        }, plan.JurisdictionId);
        line.EntityId = plan.Id.ToString();
        await db.SaveChangesAsync(ct);
        return PlanResult.Ok((await GetPlan.LoadAsync(db, me, plan.Id, ct))!);
    }

    /// <summary>NoMeasures cancels the plan; Recompute computes it again with the chosen category and level. Returns the decision's name.</summary>
    private static async Task<string> DecideManuallyAsync(AppDbContext db, CountyClock clock, ControlPlan plan, Request request,
        string? reason, Households.FieldErrors errors, DateTime now, CancellationToken ct)
    {
        var decision = request.Decision?.Trim();
        if (decision is not ("Recompute" or "NoMeasures"))
        {
            errors.Add(nameof(Request.Decision), "人工决定：需人工决定的计划不能直接确认，请选择按某一类别（和风险等级）计算，或不采取措施");
            return "";
        }

        if (reason is null)
        {
            errors.Add(nameof(Request.Reason), "理由：人工决定必须填写理由");
        }

        if (decision == "NoMeasures")
        {
            plan.Status = PlanStatus.Cancelled;
            return "人工决定：不采取措施";
        }

        if (!Fields.TryParse(request.Category, CanvassingLabels.Label, out KeyPersonCategory category))
        {
            errors.Add(nameof(Request.Category), string.IsNullOrWhiteSpace(request.Category)
                ? "类别：按类别重新计算时不能为空"
                : $"类别：“{request.Category}”无效，应为 {CanvassingLabels.Names<KeyPersonCategory>()} 之一");
        }

        RiskLevel? level = null;
        if (!string.IsNullOrWhiteSpace(request.RiskLevel))
        {
            if (Fields.TryParse(request.RiskLevel, CanvassingLabels.Label, out RiskLevel parsed))
            {
                level = parsed;
            }
            else
            {
                errors.Add(nameof(Request.RiskLevel), $"风险等级：“{request.RiskLevel}”无效，应为 {CanvassingLabels.Names<RiskLevel>()} 之一");
            }
        }

        if (errors.Any)
        {
            return "";
        }

        var computed = await RecomputeAsync(db, clock, plan, category, level, level is not null, keepCentral: false, ct);
        if (computed is null)
        {
            errors.Add(nameof(Request.Category), "类别：计划不是由返乡报备生成的，无法重新计算");
            return "";
        }

        if (computed.Value.Plan.ManualDecisionRequired)
        {
            errors.Add(nameof(Request.Category), $"类别：按所选类别和风险等级仍需人工决定（{computed.Value.Plan.ManualDecisionReason}）");
            return "";
        }

        PlanMapping.Apply(db, plan, computed.Value.Plan, computed.Value.PolicyId, now);
        return $"人工决定：按{category.Label()}{(level is { } l ? "（" + l.Label() + "）" : "")}计算";
    }

    private static async Task<string> DecideExceptionAsync(AppDbContext db, CountyClock clock, ControlPlan plan, Request request,
        string? reason, Households.FieldErrors errors, DateTime now, CancellationToken ct)
    {
        var choice = request.ExceptionDecision?.Trim();
        if (choice is not ("Keep" or "Override"))
        {
            errors.Add(nameof(Request.ExceptionDecision), "特殊人群例外：请选择保留居家隔离（每日上门）或按规则集中隔离");
        }

        if (reason is null)
        {
            errors.Add(nameof(Request.Reason), "理由：保留或否决特殊人群例外必须填写理由");
        }

        if (errors.Any)
        {
            return "";
        }

        if (choice == "Keep")
        {
            plan.Exception = PlanException.Kept;
            plan.ExceptionReason = reason;
            return "；保留特殊人群居家隔离";
        }

        var computed = await RecomputeAsync(db, clock, plan, plan.Category, plan.RiskLevel, true, keepCentral: true, ct);
        if (computed is null)
        {
            errors.Add(nameof(Request.ExceptionDecision), "特殊人群例外：计划不是由返乡报备生成的，无法重新计算");
            return "";
        }

        PlanMapping.Apply(db, plan, computed.Value.Plan, computed.Value.PolicyId, now);
        plan.Exception = PlanException.Overridden;
        plan.ExceptionReason = reason;
        return "；否决特殊人群例外，按规则集中隔离";
    }

    /// <summary>The plan's report input with a new category/level or the override, under the plan's policy version (or the one in force).</summary>
    private static async Task<(ComputedPlan Plan, Guid? PolicyId)?> RecomputeAsync(AppDbContext db, CountyClock clock, ControlPlan plan,
        KeyPersonCategory category, RiskLevel? level, bool levelGiven, bool keepCentral, CancellationToken ct)
    {
        if (plan.Source != PlanSource.ArrivalReport
            || await db.ArrivalReports.AsNoTracking().Include(r => r.Stays).FirstOrDefaultAsync(r => r.Id == plan.SourceId, ct) is not { } report)
        {
            return null;
        }

        var input = await PlanInputs.FromReportAsync(db, clock, report, category, level, levelGiven, keepCentral, ct);
        var book = await PolicyBook.LoadAsync(db, ct);
        var policy = PolicyBook.Version(book, plan.PolicyName, plan.PolicyVersion) ?? PolicyBook.Select(book, null, input.Anchor);
        return (PlanCalculator.Compute(input, policy?.Rulebook), policy?.PolicyId);
    }
}
