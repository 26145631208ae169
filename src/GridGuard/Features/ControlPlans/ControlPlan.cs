using GridGuard.Features.Canvassing;
using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Features.Policies;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;

namespace GridGuard.Features.ControlPlans;

/// <summary>
/// 管控计划: one person's measures with dates and scheduled tests, computed by <see cref="PlanCalculator"/> from an
/// arrival report or a key-person flag and the policy in force on the anchor date; staff confirm it. The policy,
/// version and rule that produced it are stored with it, so every decision can be traced.
/// </summary>
public sealed class ControlPlan : IInJurisdiction
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PersonId { get; set; }

    public Person? Person { get; set; }

    /// <summary>The person's node when the plan was made (the grid of their household, or the report's node).</summary>
    public Guid JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    public PlanSource Source { get; set; }

    /// <summary>The arrival report or key-person flag it was computed from.</summary>
    public Guid? SourceId { get; set; }

    public KeyPersonCategory Category { get; set; }

    public RiskLevel? RiskLevel { get; set; }

    /// <summary>A: last exposure for contacts, arrival for everyone else. Day k of the plan is A + k.</summary>
    public DateOnly Anchor { get; set; }

    public DateOnly RegisteredOn { get; set; }

    public Guid? PolicyId { get; set; }

    public string? PolicyName { get; set; }

    public int? PolicyVersion { get; set; }

    public string? RuleId { get; set; }

    public bool ManualDecisionRequired { get; set; }

    public string? ManualDecisionReason { get; set; }

    public PlanException Exception { get; set; }

    /// <summary>Staff's reason when the special-group exception was kept or overridden.</summary>
    public string? ExceptionReason { get; set; }

    /// <summary>The one-off requirement's outcome, for plans made by a one-off rule.</summary>
    public OneOffOutcome? OneOff { get; set; }

    /// <summary>The last day of the last phase; null without phases.</summary>
    public DateOnly? EndsOn { get; set; }

    public PlanStatus Status { get; set; }

    public List<PlanPhase> Phases { get; set; } = [];

    public List<PlanTest> Tests { get; set; } = [];

    public Guid? ConfirmedById { get; set; }

    public DateTime? ConfirmedAt { get; set; }

    /// <summary>When the second release signature made the plan Released (解除).</summary>
    public DateTime? ReleasedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

public enum PlanSource
{
    ArrivalReport,
    KeyPersonFlag,
    Manual,
}

/// <summary>The special-group exception (002) as staff left it.</summary>
public enum PlanException
{
    None,

    /// <summary>Proposed by the calculator, not yet decided by staff.</summary>
    Proposed,

    /// <summary>Staff kept the home quarantine with daily visits.</summary>
    Kept,

    /// <summary>Staff overrode it: central quarantine as the rule says.</summary>
    Overridden,
}

public enum PlanStatus
{
    /// <summary>Computed, waiting for staff to confirm.</summary>
    Proposed,

    /// <summary>Confirmed by staff; the person is under these measures.</summary>
    Active,

    Released,

    Cancelled,
}

/// <summary>One phase with inclusive dates (see <see cref="PlannedPhase"/>).</summary>
public sealed class PlanPhase : IAuditedUnder
{
    Guid IAuditedUnder.AuditOwnerId => ControlPlanId;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ControlPlanId { get; set; }

    public int Number { get; set; }

    public PhaseKind Kind { get; set; }

    public PhaseKind RuleKind { get; set; }

    public DateOnly Start { get; set; }

    public DateOnly End { get; set; }

    public int ChecksPerDay { get; set; }

    public bool DailyVisits { get; set; }

    public bool Elapsed { get; set; }
}

/// <summary>One test to take (see <see cref="PlannedTest"/>), with its result once known.</summary>
public sealed class PlanTest : IAuditedUnder
{
    Guid IAuditedUnder.AuditOwnerId => ControlPlanId;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ControlPlanId { get; set; }

    public DateOnly Due { get; set; }

    /// <summary>For the one-off arrival test: due within 24 h of this day.</summary>
    public DateOnly? Within24hOf { get; set; }

    /// <summary>The rule's tests it stands for, e.g. "1:1,1:2" (phase:day); several when late tests collapsed.</summary>
    public string Covers { get; set; } = "";

    public TestResult? Result { get; set; }

    public DateOnly? SampledOn { get; set; }

    public DateTime? ResultAt { get; set; }
}

/// <summary>检测结果 of one test (DOMAIN.md §7 uses the same three).</summary>
public enum TestResult
{
    Negative,
    Positive,
    Invalid,
}
