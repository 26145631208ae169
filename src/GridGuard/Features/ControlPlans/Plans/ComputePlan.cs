using GridGuard.Features.Canvassing;
using GridGuard.Features.Households;
using GridGuard.Features.Policies;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.ControlPlans.Plans;

/// <summary>
/// POST /api/arrivals/{id}/plan: computes the control plan of an arrival report and stores it as Proposed. Category
/// Returnee (InboundTraveler when <see cref="Request.Inbound"/>: an origin abroad has no division code); the risk level
/// of the report's stays from the stored risk-area list with the county rule; anchor = arrival date; registered on the
/// report's county day; special groups from the registry (recorded + from the birth date); the declared test. The policy
/// is the one in force on the anchor date, or the latest version of <see cref="Request.Policy"/> when named. The report
/// becomes Planned. A report with an open (proposed or active) plan answers 409. The plan sits at the person's household
/// node (their grid) when that lies under the report's node, else at the report's node (<see cref="PlanNode"/>).
/// </summary>
public static class ComputePlan
{
    public sealed class Request
    {
        /// <summary>A policy name to compute under (its latest active version); empty: the policy in force on the arrival date.</summary>
        public string? Policy { get; set; }

        /// <summary>入境人员: the person arrived from abroad.</summary>
        public bool Inbound { get; set; }
    }

    public static RouteGroupBuilder MapComputePlan(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/plan", HandleAsync).WithName("ComputePlan")
            .WithSummary("按风险地区名单和生效的管控规则为返乡报备生成管控计划（待确认）");
        return group;
    }

    public static async Task<Results<Created<GetPlan.Detail>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(Guid id,
        Request? request, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, id, request ?? new Request(), ct);
        return result.Kind switch
        {
            PlanResultKind.Ok => TypedResults.Created($"/api/plans/{result.Value!.Id}", result.Value),
            PlanResultKind.Invalid => TypedResults.ValidationProblem(result.Errors.ToDictionary(), title: "无法生成管控计划"),
            PlanResultKind.Conflict => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "已有管控计划"),
            _ => TypedResults.NotFound(),
        };
    }

    public static async Task<PlanResult<GetPlan.Detail>> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid reportId,
        Request request, CancellationToken ct)
    {
        var report = await db.ArrivalReports.InScopeOf(me, PlanText.Staff).Include(r => r.Stays).FirstOrDefaultAsync(r => r.Id == reportId, ct);
        if (report is null)
        {
            return PlanResult.NotFound<GetPlan.Detail>();
        }

        var open = await db.ControlPlans.AsNoTracking()
            .Where(p => p.Source == PlanSource.ArrivalReport && p.SourceId == report.Id
                && (p.Status == PlanStatus.Proposed || p.Status == PlanStatus.Active))
            .Select(p => (Guid?)p.Id)
            .FirstOrDefaultAsync(ct);
        if (open is not null)
        {
            return PlanResult.Conflict<GetPlan.Detail>("返乡报备：已有待确认或执行中的管控计划，请在计划页面处理");
        }

        if (report.PersonId is not { } personId)
        {
            return PlanResult.Conflict<GetPlan.Detail>("返乡报备：尚未关联到人员，无法生成计划");
        }

        var book = await PolicyBook.LoadAsync(db, ct);
        var category = request.Inbound ? KeyPersonCategory.InboundTraveler : KeyPersonCategory.Returnee;
        var input = await PlanInputs.FromReportAsync(db, clock, report, category, null, levelGiven: false, keepCentral: false, ct);
        var policy = PolicyBook.Select(book, request.Policy, input.Anchor);
        if (policy is null && !string.IsNullOrWhiteSpace(request.Policy))
        {
            var errors = new Households.FieldErrors();
            errors.Add(nameof(Request.Policy), $"管控规则：“{request.Policy.Trim()}”不存在或已停用");
            return PlanResult.Invalid<GetPlan.Detail>(errors);
        }

        var computed = PlanCalculator.Compute(input, policy?.Rulebook);
        var now = clock.UtcNow;
        var plan = new ControlPlan
        {
            PersonId = personId,
            JurisdictionId = await PlanNode.ForAsync(db, me, personId, report.JurisdictionId, ct),
            Source = PlanSource.ArrivalReport,
            SourceId = report.Id,
            Status = PlanStatus.Proposed,
            CreatedAt = now,
        };
        PlanMapping.Apply(db, plan, computed, policy?.PolicyId, now);
        db.ControlPlans.Add(plan);
        report.Status = ArrivalStatus.Planned;
        await db.SaveChangesAsync(ct);
        return PlanResult.Ok<GetPlan.Detail>((await GetPlan.LoadAsync(db, me, plan.Id, ct))!);
    }
}
