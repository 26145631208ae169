using GridGuard.Features.ControlPlans;
using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;

namespace GridGuard.Features.Monitoring;

/// <summary>
/// 工作任务: a piece of work on a person under a control plan that someone must do by a due time — a referral after an
/// abnormal check (转诊), a missed health check (漏测) or an overdue test (逾期检测). It sits at the plan's node, so the
/// steward and the medical staff of the grid see it; still open 24 h after its due time it escalates to the village.
/// <see cref="Key"/> names the one thing it is about, so that the sweep never makes it twice.
/// </summary>
public sealed class WorkTask : IInJurisdiction
{
    public const int KeyMaxLength = 100;
    public const int VehicleMaxLength = 50;
    public const int CrewMaxLength = 100;
    public const int NoteMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public WorkTaskKind Kind { get; set; }

    /// <summary>0 for referrals, 1 for the rest: referrals sort to the top of every list.</summary>
    public int Priority { get; set; }

    /// <summary>
    /// "Referral:{checkId}", "MissedCheck:{planId}:{yyyy-MM-dd}:{slot}", "OverdueTest:{testId}", "Retest:{samplingId}" or
    /// "HomeSampling:{roundId}:{personId}"; unique.
    /// </summary>
    public string Key { get; set; } = "";

    public Guid JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    public Guid PersonId { get; set; }

    public Person? Person { get; set; }

    /// <summary>The plan the task is about; null for mass-testing tasks (retest, home sampling).</summary>
    public Guid? ControlPlanId { get; set; }

    /// <summary>The mass-testing round a retest or home-sampling task belongs to.</summary>
    public Guid? RoundId { get; set; }

    public Guid? HealthCheckId { get; set; }

    public Guid? PlanTestId { get; set; }

    /// <summary>The person's steward (包户责任人) when the task was made, if the person has a household with one.</summary>
    public Guid? StewardId { get; set; }

    public DateTime DueAt { get; set; }

    public WorkTaskStatus Status { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Set when the task was still open 24 h after its due time: the village sees it, marked 已升级.</summary>
    public DateTime? EscalatedAt { get; set; }

    public ReferralDestination? Destination { get; set; }

    public string? Vehicle { get; set; }

    public string? Crew { get; set; }

    public DateTime? DispatchedAt { get; set; }

    public Guid? DispatchedById { get; set; }

    public string? Note { get; set; }

    public Guid? ClosedById { get; set; }

    public AppUser? ClosedBy { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>Referrals and retests after a pooled positive sort to the top of every list, and officers see them.</summary>
    public static int PriorityOf(WorkTaskKind kind) => kind is WorkTaskKind.Referral or WorkTaskKind.Retest ? 0 : 1;
}

public enum WorkTaskKind
{
    /// <summary>转诊: a dedicated car to a fever clinic or designated hospital within 2 h; never alone.</summary>
    Referral,

    /// <summary>漏测: no health check by the end of its half-day (2 a day) or day (1 a day).</summary>
    MissedCheck,

    /// <summary>逾期检测: a scheduled test whose due day has passed with no result.</summary>
    OverdueTest,

    /// <summary>复核: a single-tube retest within 2 h of a pooled positive (混管阳性); the person stays in place meanwhile.</summary>
    Retest,

    /// <summary>入户采样: a bedridden, SemiDependent or Dialysis person of a mass-testing round is sampled at home.</summary>
    HomeSampling,
}

public enum WorkTaskStatus
{
    Open,
    Done,
}

public enum ReferralDestination
{
    FeverClinic,
    DesignatedHospital,
}
