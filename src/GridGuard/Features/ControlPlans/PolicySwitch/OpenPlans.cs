using GridGuard.Features.Canvassing;
using GridGuard.Features.Households;
using GridGuard.Features.Policies;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.ControlPlans.PolicySwitch;

/// <summary>An open plan as stored, read back as the <see cref="ComputedPlan"/> it stands for, with what the switch page shows.</summary>
public sealed record OpenPlan(Guid Id, Guid PersonId, string PersonName, Guid JurisdictionId, string JurisdictionName, PlanStatus Status,
    PlanException Exception, Guid? PolicyId, ComputedPlan Current);

/// <summary>
/// Reads the open (proposed or active) control plans in the user's scope in a few set-based queries — plans, phases,
/// tests, declared groups, declared test proofs — so that a switch over tens of thousands of plans stays fast. The
/// input is rebuilt from the plan's stored category, level, anchor and registration day, the person's groups (declared
/// and from the birth date at the anchor) and the report's test proof, exactly as the plan was computed.
/// </summary>
public static class OpenPlans
{
    public static IQueryable<ControlPlan> Query(AppDbContext db, CurrentUser me) =>
        db.ControlPlans.AsNoTracking().InScopeOf(me, PlanText.Staff)
            .Where(p => p.Status == PlanStatus.Proposed || p.Status == PlanStatus.Active);

    public static async Task<IReadOnlyList<OpenPlan>> LoadAsync(AppDbContext db, CurrentUser me, IReadOnlyCollection<Guid>? only,
        CancellationToken ct)
    {
        var open = Query(db, me);
        if (only is not null)
        {
            open = open.Where(p => only.Contains(p.Id));
        }

        var ids = open.Select(p => p.Id);
        var plans = await open
            .Select(p => new
            {
                p.Id,
                p.PersonId,
                PersonName = p.Person!.Name,
                p.Person.BirthDate,
                p.JurisdictionId,
                JurisdictionName = p.Jurisdiction!.Name,
                p.Status,
                p.Source,
                p.SourceId,
                p.Category,
                p.RiskLevel,
                p.Anchor,
                p.RegisteredOn,
                p.PolicyId,
                p.PolicyName,
                p.PolicyVersion,
                p.RuleId,
                p.ManualDecisionRequired,
                p.ManualDecisionReason,
                p.Exception,
                p.OneOff,
            })
            .ToListAsync(ct);
        var phases = (await db.PlanPhases.AsNoTracking().Where(x => ids.Contains(x.ControlPlanId)).ToListAsync(ct))
            .ToLookup(x => x.ControlPlanId);
        var tests = (await db.PlanTests.AsNoTracking().Where(x => ids.Contains(x.ControlPlanId))
                .Select(x => new { x.ControlPlanId, x.Due, x.Within24hOf }).ToListAsync(ct))
            .ToLookup(x => x.ControlPlanId);
        var groups = (await db.PersonVulnerableGroups.AsNoTracking()
                .Where(g => open.Select(p => p.PersonId).Contains(g.PersonId))
                .Select(g => new { g.PersonId, g.Group }).ToListAsync(ct))
            .ToLookup(g => g.PersonId, g => g.Group);
        var proofs = (await db.ArrivalReports.AsNoTracking()
                .Where(r => open.Where(p => p.Source == PlanSource.ArrivalReport).Select(p => p.SourceId).Contains(r.Id)
                    && r.TestDate != null && r.TestNegative != null)
                .Select(r => new { r.Id, r.TestDate, r.TestNegative }).ToListAsync(ct))
            .ToDictionary(r => r.Id, r => new TestProof(r.TestDate!.Value, r.TestNegative!.Value));

        var list = new List<OpenPlan>(plans.Count);
        foreach (var p in plans)
        {
            var declared = SpecialGroups.Of(groups[p.PersonId], p.BirthDate, p.Anchor);
            var proof = p.Source == PlanSource.ArrivalReport && p.SourceId is { } r && proofs.TryGetValue(r, out var found) ? found : null;
            var input = new PlanInput(p.Category, p.RiskLevel, p.Anchor, p.RegisteredOn, [.. declared], proof,
                KeepCentralForSpecialGroup: p.Exception == PlanException.Overridden);
            var exception = p.Exception == PlanException.None
                ? null
                : new SpecialGroupException(SpecialGroups.Among(declared), p.Exception == PlanException.Overridden);
            var current = new ComputedPlan(input, p.PolicyName, p.PolicyVersion, p.RuleId, p.ManualDecisionRequired, p.ManualDecisionReason,
                exception, p.OneOff,
                [.. phases[p.Id].OrderBy(x => x.Number).Select(x =>
                    new PlannedPhase(x.Number, x.Kind, x.RuleKind, x.Start, x.End, x.ChecksPerDay, x.DailyVisits, x.Elapsed))],
                [.. tests[p.Id].OrderBy(x => x.Due).Select(x => new PlannedTest(x.Due, x.Within24hOf, []))]);
            list.Add(new OpenPlan(p.Id, p.PersonId, p.PersonName, p.JurisdictionId, p.JurisdictionName, p.Status, p.Exception,
                p.PolicyId, current));
        }

        return list;
    }
}
