using GridGuard.Features.ControlPlans.Plans;
using GridGuard.Features.Policies.RiskAreas;
using GridGuard.Platform;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.ControlPlans.PolicySwitch;

/// <summary>
/// POST /api/plans/policy-switch: applies a policy version to the chosen open plans (<see cref="Request.PlanIds"/>) or
/// to all open plans in the user's scope (<see cref="Request.All"/>). Each changed plan is recomputed (phases, end date,
/// tests; tests that already have a result are kept) and records the new policy, version and rule; each gets one audit
/// line with the old and the new end date and test days. Plans the new rulebook has no rule for are left as they are
/// and counted. County staff only.
/// </summary>
public static class ApplyPolicySwitch
{
    private const int Chunk = 500;

    public sealed class Request
    {
        public Guid? To { get; set; }

        public List<Guid>? PlanIds { get; set; }

        public bool All { get; set; }
    }

    public sealed record Response(int Applied, int Unchanged, int ManualDecision, int NotFound);

    public static RouteGroupBuilder MapApplyPolicySwitch(this RouteGroupBuilder group)
    {
        group.MapPost("/policy-switch", HandleAsync).WithName("ApplyPolicySwitch")
            .WithSummary("切换管控规则：把新规则应用到所选或全部未结束的计划（逐个审计；县指挥部）");
        return group;
    }

    public static async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> HandleAsync(Request request, AppDbContext db,
        CurrentUser me, CountyClock clock, AuditLog audit, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, audit, request, ct);
        return result.Kind switch
        {
            PlanResultKind.Ok => TypedResults.Ok(result.Value),
            PlanResultKind.Invalid => TypedResults.ValidationProblem(result.Errors.ToDictionary(), title: "输入有误"),
            _ => TypedResults.Problem(SwitchText.Forbidden, statusCode: StatusCodes.Status403Forbidden, title: "无权操作"),
        };
    }

    public static async Task<PlanResult<Response>> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock, AuditLog audit,
        Request request, CancellationToken ct)
    {
        if (!RiskAreaRules.CanEdit(me))
        {
            return PlanResult.Forbidden<Response>();
        }

        var errors = new Households.FieldErrors();
        var target = await SwitchText.TargetAsync(db, request.To, ct);
        if (target is null)
        {
            errors.Add(nameof(Request.To), request.To is null ? "管控规则：请选择要切换到的规则版本" : "管控规则：该版本不存在或已撤回");
        }

        var chosen = request.PlanIds?.Distinct().ToList();
        if (!request.All && (chosen is null || chosen.Count == 0))
        {
            errors.Add(nameof(Request.PlanIds), "计划：请选择要切换的计划，或选择全部应用");
        }

        if (errors.Any)
        {
            return PlanResult.Invalid<Response>(errors);
        }

        var today = clock.Today;
        var lines = SwitchDiff.Compute(await OpenPlans.LoadAsync(db, me, request.All ? null : chosen, ct), target!, today);
        var changed = lines.Where(l => l.Outcome == SwitchOutcome.Changed).ToList();
        foreach (var chunk in changed.Chunk(Chunk))
        {
            await ApplyAsync(db, clock, audit, target!, today, chunk, ct);
        }

        var notFound = request.All ? 0 : chosen!.Count - lines.Count;
        return PlanResult.Ok(new Response(changed.Count, lines.Count(l => l.Outcome == SwitchOutcome.Unchanged),
            lines.Count(l => l.Outcome == SwitchOutcome.ManualDecision), notFound));
    }

    private static async Task ApplyAsync(AppDbContext db, CountyClock clock, AuditLog audit, StoredRulebook target, DateOnly today,
        IReadOnlyList<SwitchLine> chunk, CancellationToken ct)
    {
        var ids = chunk.Select(l => l.Plan.Id).ToList();
        var plans = await db.ControlPlans.Include(p => p.Phases).Include(p => p.Tests).AsSplitQuery()
            .Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var now = clock.UtcNow;
        foreach (var line in chunk)
        {
            if (!plans.TryGetValue(line.Plan.Id, out var plan))
            {
                continue;
            }

            var exception = plan.Exception;
            var reason = plan.ExceptionReason;
            PlanMapping.Apply(db, plan, line.Change.Next, target.PolicyId, now);
            if (exception is PlanException.Kept or PlanException.Overridden && plan.Exception != PlanException.None)
            {
                // Staff already decided the special-group exception; the new rulebook proposes it again, so the decision stands.
                (plan.Exception, plan.ExceptionReason) = (exception, reason);
            }

            var entry = audit.Bulk(nameof(ControlPlan), "切换管控规则", new
            {
                计划 = plan.Id,
                原规则 = line.Change.Current.PolicyName,
                原版本 = line.Change.Current.PolicyVersion,
                原条款 = line.Change.Current.RuleId,
                新规则 = line.Change.Next.PolicyName,
                新版本 = line.Change.Next.PolicyVersion,
                新条款 = line.Change.Next.RuleId,
                原结束日期 = line.Change.OldEnd,
                新结束日期 = line.Change.NewEnd,
                原检测日期 = line.Change.OldTestDays,
                新检测日期 = line.Change.NewTestDays,
                切换日 = today,
            }, plan.JurisdictionId);
            entry.EntityId = plan.Id.ToString();
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
