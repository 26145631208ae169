using GridGuard.Features.Canvassing;
using GridGuard.Features.ControlPlans.Plans;
using GridGuard.Features.Policies.RiskAreas;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridGuard.Features.ControlPlans.PolicySwitch;

/// <summary>
/// GET /api/plans/policy-switch?to={policyId}: what switching every open plan in the user's scope to a policy version
/// would do — for each plan the old and the new end date and test days — with counts of changed, unchanged and
/// blocked (no rule matches) plans. Paged; <c>outcome</c> filters the rows (default: the changed ones). County staff only.
/// </summary>
public static class PreviewPolicySwitch
{
    public sealed record Target(Guid PolicyId, string Name, int Version, DateOnly EffectiveOn);

    public sealed record Row(Guid PlanId, string PersonName, string JurisdictionName, string StatusLabel, string OldPolicy,
        DateOnly? OldEnd, DateOnly? NewEnd, IReadOnlyList<DateOnly> OldTestDays, IReadOnlyList<DateOnly> NewTestDays, string Outcome,
        string OutcomeLabel);

    public sealed record Response(Target Target, DateOnly SwitchDay, int OpenPlans, int Changed, int Unchanged, int ManualDecision,
        Paged<Row> Rows);

    public static RouteGroupBuilder MapPreviewPolicySwitch(this RouteGroupBuilder group)
    {
        group.MapGet("/policy-switch", HandleAsync).WithName("PreviewPolicySwitch")
            .WithSummary("切换管控规则预览：每个未结束计划的原/新结束日期和检测日期（县指挥部）");
        return group;
    }

    public static async Task<Results<Ok<Response>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(Guid? to, string? outcome,
        int? page, int? pageSize, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        if (!RiskAreaRules.CanEdit(me))
        {
            return TypedResults.Problem(SwitchText.Forbidden, statusCode: StatusCodes.Status403Forbidden, title: "无权操作");
        }

        SwitchOutcome? filter = SwitchOutcome.Changed;
        if (!string.IsNullOrWhiteSpace(outcome))
        {
            if (outcome == "All")
            {
                filter = null;
            }
            else if (Enum.TryParse<SwitchOutcome>(outcome, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed))
            {
                filter = parsed;
            }
            else
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["outcome"] = [$"筛选：“{outcome}”无效，应为 Changed、Unchanged、ManualDecision 或 All"],
                }, title: "筛选条件有误");
            }
        }

        var target = await SwitchText.TargetAsync(db, to, ct);
        if (target is null)
        {
            return to is null
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["管控规则：请选择要切换到的规则版本"] }, title: "输入有误")
                : TypedResults.NotFound();
        }

        return TypedResults.Ok(await LoadAsync(db, me, clock.Today, target, filter, page, pageSize, ct));
    }

    public static async Task<Response> LoadAsync(AppDbContext db, CurrentUser me, DateOnly today, StoredRulebook target,
        SwitchOutcome? filter, int? page, int? pageSize, CancellationToken ct)
    {
        var lines = SwitchDiff.Compute(await OpenPlans.LoadAsync(db, me, null, ct), target, today);
        var shown = lines.Where(l => filter is null || l.Outcome == filter)
            .OrderBy(l => l.Plan.JurisdictionName, StringComparer.Ordinal).ThenBy(l => l.Plan.Id)
            .ToList();
        var (n, size) = Paging.Normalize(page, pageSize);
        var rows = shown.Skip((n - 1) * size).Take(size)
            .Select(l => new Row(l.Plan.Id, l.Plan.PersonName, l.Plan.JurisdictionName, l.Plan.Status.Label(),
                SwitchDiff.PolicyLabel(l.Plan.Current.PolicyName, l.Plan.Current.PolicyVersion), l.Change.OldEnd, l.Change.NewEnd,
                l.Change.OldTestDays, l.Change.NewTestDays, l.Outcome.ToString(), l.Outcome.Label()))
            .ToList();
        var book = target.Rulebook;
        return new Response(new Target(target.PolicyId!.Value, book.Name, book.Version, book.EffectiveDate), today, lines.Count,
            lines.Count(l => l.Outcome == SwitchOutcome.Changed), lines.Count(l => l.Outcome == SwitchOutcome.Unchanged),
            lines.Count(l => l.Outcome == SwitchOutcome.ManualDecision), new Paged<Row>(rows, shown.Count, n, size));
    }
}
