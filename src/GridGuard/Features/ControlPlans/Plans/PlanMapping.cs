using GridGuard.Features.Policies;
using GridGuard.Platform.Data;

namespace GridGuard.Features.ControlPlans.Plans;

/// <summary>Copies a <see cref="ComputedPlan"/> onto a stored <see cref="ControlPlan"/> (new, or recomputed on a staff decision).</summary>
public static class PlanMapping
{
    /// <summary>The code of a rule test in <see cref="PlanTest.Covers"/>: "phase:day", or "A" for the one-off arrival test.</summary>
    public static string Cover(ScheduledTest t) => t.Phase is { } p ? $"{p}:{t.Day}" : "A";

    /// <summary>
    /// Sets the policy, rule, decision fields, phases (updated in place by number, so the unique index holds) and tests
    /// (matched by due date, so a policy switch keeps the tests already taken).
    /// The exception is Proposed while the calculator proposes it, Overridden when staff kept Central, else None.
    /// </summary>
    public static void Apply(AppDbContext db, ControlPlan plan, ComputedPlan computed, Guid? policyId, DateTime now)
    {
        var input = computed.Input;
        plan.Category = input.Category;
        plan.RiskLevel = input.RiskLevel;
        plan.Anchor = input.Anchor;
        plan.RegisteredOn = input.RegisteredOn;
        plan.PolicyId = policyId;
        plan.PolicyName = computed.PolicyName;
        plan.PolicyVersion = computed.PolicyVersion;
        plan.RuleId = computed.RuleId;
        plan.ManualDecisionRequired = computed.ManualDecisionRequired;
        plan.ManualDecisionReason = Clip(computed.ManualDecisionReason);
        plan.Exception = computed.Exception switch
        {
            null => PlanException.None,
            { Overridden: true } => PlanException.Overridden,
            _ => PlanException.Proposed,
        };
        plan.OneOff = computed.OneOff;
        plan.EndsOn = computed.End;
        plan.UpdatedAt = now;

        foreach (var old in plan.Phases.Where(p => p.Number > computed.Phases.Count).ToList())
        {
            plan.Phases.Remove(old);
            db.PlanPhases.Remove(old);
        }

        foreach (var p in computed.Phases)
        {
            var phase = plan.Phases.FirstOrDefault(x => x.Number == p.Number);
            if (phase is null)
            {
                // Added explicitly: a child with a client-made key found through the navigation would be taken for an existing row.
                phase = new PlanPhase { ControlPlanId = plan.Id, Number = p.Number };
                plan.Phases.Add(phase);
                db.PlanPhases.Add(phase);
            }

            (phase.Kind, phase.RuleKind, phase.Start, phase.End, phase.ChecksPerDay, phase.DailyVisits, phase.Elapsed) =
                (p.Kind, p.RuleKind, p.Start, p.End, p.ChecksPerDay, p.DailyVisits, p.Elapsed);
        }

        // Tests are matched by due date: a test on a day the new schedule keeps stays (with any result it has), a test
        // that already has a result is history and stays too, and the rest are replaced.
        var wanted = computed.Tests.GroupBy(t => t.Due).ToDictionary(g => g.Key, g => g.First());
        foreach (var old in plan.Tests.ToList())
        {
            if (wanted.Remove(old.Due, out var t))
            {
                (old.Within24hOf, old.Covers) = (t.Within24hOf, string.Join(",", t.Covers.Select(Cover)));
            }
            else if (old.Result is null)
            {
                plan.Tests.Remove(old);
                db.PlanTests.Remove(old);
            }
        }

        foreach (var t in wanted.Values.OrderBy(t => t.Due))
        {
            var test = new PlanTest
            {
                ControlPlanId = plan.Id,
                Due = t.Due,
                Within24hOf = t.Within24hOf,
                Covers = string.Join(",", t.Covers.Select(Cover)),
            };
            plan.Tests.Add(test);
            db.PlanTests.Add(test);
        }
    }

    private static string? Clip(string? text) => text is { Length: > 200 } ? text[..200] : text;
}
