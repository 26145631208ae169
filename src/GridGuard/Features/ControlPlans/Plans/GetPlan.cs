using GridGuard.Features.Canvassing;
using GridGuard.Features.Policies;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.ControlPlans.Plans;

/// <summary>
/// GET /api/plans/{id}: one control plan in the user's scope (staff roles): the person, category and risk, the policy,
/// version and rule that produced it, the decision state, the phases with dates and checks per day, and the tests with
/// due dates (a catch-up test covers rule tests whose own date had passed when the person registered).
/// </summary>
public static class GetPlan
{
    public sealed record Phase(int Number, string Kind, string KindLabel, string RuleKind, DateOnly Start, DateOnly End, int Days,
        int ChecksPerDay, bool DailyVisits, bool Elapsed);

    public sealed record Test(Guid Id, DateOnly Due, DateOnly? Within24hOf, string Covers, bool CatchesUp, string? Result);

    public sealed record Detail(Guid Id, Guid PersonId, string PersonName, Guid JurisdictionId, string JurisdictionName,
        string Source, Guid? SourceId, string Category, string CategoryLabel, string? RiskLevel, string RiskLevelLabel,
        DateOnly Anchor, DateOnly RegisteredOn, Guid? PolicyId, string? PolicyName, int? PolicyVersion, string? RuleId,
        bool ManualDecisionRequired, string? ManualDecisionReason, string Exception, string ExceptionLabel, string? ExceptionReason,
        string? OneOff, DateOnly? EndsOn, string Status, string StatusLabel, DateTime? ConfirmedAt, IReadOnlyList<Phase> Phases,
        IReadOnlyList<Test> Tests);

    public static RouteGroupBuilder MapGetPlan(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", HandleAsync).WithName("GetPlan").WithSummary("管控计划详情（阶段、每日健康监测次数、检测日期、产生计划的规则）");
        return group;
    }

    public static async Task<Results<Ok<Detail>, NotFound>> HandleAsync(Guid id, AppDbContext db, CurrentUser me, CancellationToken ct) =>
        await LoadAsync(db, me, id, ct) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound();

    public static async Task<Detail?> LoadAsync(AppDbContext db, CurrentUser me, Guid id, CancellationToken ct)
    {
        var plan = await db.ControlPlans.AsNoTracking().InScopeOf(me, PlanText.Staff)
            .Include(p => p.Phases).Include(p => p.Tests)
            .Where(p => p.Id == id)
            .Select(p => new { Plan = p, PersonName = p.Person!.Name, JurisdictionName = p.Jurisdiction!.Name })
            .FirstOrDefaultAsync(ct);
        if (plan is null)
        {
            return null;
        }

        var p = plan.Plan;
        var phases = p.Phases.OrderBy(x => x.Number).ToList();
        return new Detail(p.Id, p.PersonId, plan.PersonName, p.JurisdictionId, plan.JurisdictionName, p.Source.ToString(), p.SourceId,
            p.Category.ToString(), p.Category.Label(), p.RiskLevel?.ToString(), PlanText.LevelLabel(p.RiskLevel), p.Anchor, p.RegisteredOn,
            p.PolicyId, p.PolicyName, p.PolicyVersion, p.RuleId, p.ManualDecisionRequired, p.ManualDecisionReason, p.Exception.ToString(),
            p.Exception.Label(), p.ExceptionReason, p.OneOff?.ToString(), p.EndsOn, p.Status.ToString(), p.Status.Label(), p.ConfirmedAt,
            [.. phases.Select(x => new Phase(x.Number, x.Kind.ToString(), x.Kind.Label(), x.RuleKind.ToString(), x.Start, x.End,
                x.End.DayNumber - x.Start.DayNumber + 1, x.ChecksPerDay, x.DailyVisits, x.Elapsed))],
            [.. p.Tests.OrderBy(t => t.Due).Select(t => new Test(t.Id, t.Due, t.Within24hOf, t.Covers, CatchesUp(t, phases, p.Anchor),
                t.Result?.ToString()))]);
    }

    /// <summary>Whether a test stands for a rule test whose own date had passed (the one-off test: moved from arrival to registration).</summary>
    private static bool CatchesUp(PlanTest test, IReadOnlyList<PlanPhase> phases, DateOnly anchor)
    {
        foreach (var cover in test.Covers.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (cover == "A")
            {
                if (test.Within24hOf is { } w && w != anchor)
                {
                    return true;
                }

                continue;
            }

            var parts = cover.Split(':');
            if (parts.Length == 2 && int.TryParse(parts[0], out var phase) && int.TryParse(parts[1], out var day)
                && phases.FirstOrDefault(x => x.Number == phase) is { } ph && ph.Start.AddDays(day - 1) < test.Due)
            {
                return true;
            }
        }

        return false;
    }
}
