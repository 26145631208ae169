using GridGuard.Platform.Auth;

namespace GridGuard.Features.Monitoring;

/// <summary>Who records checks and works tasks, and the Chinese labels of the monitoring states.</summary>
public static class MonitoringText
{
    /// <summary>
    /// Who records health checks and sees them: the steward and the medical staff (DOMAIN.md §6), and the grid and village
    /// staff above them. Volunteers do not check temperatures.
    /// </summary>
    public static readonly IReadOnlySet<Role> Checkers = new HashSet<Role>(RoleNames.Visitors.Where(r => r != Role.Volunteer));

    /// <summary>Grid-level workers: their inbox holds every task in their grids, and /tasks is their home page.</summary>
    public static readonly IReadOnlySet<Role> GridWorkers = new HashSet<Role>
    {
        Role.FirstGridLeader, Role.GridLeader, Role.GridManager, Role.HealthInformant, Role.Steward, Role.MedicalStaff,
    };

    /// <summary>Officers of the village and above: their inbox holds the referrals and the escalated tasks of their subtree.</summary>
    public static readonly IReadOnlySet<Role> Officers = new HashSet<Role>
    {
        Role.Admin, Role.CountyCommander, Role.TownshipOfficer, Role.VillageOfficer,
    };

    /// <summary>Everyone who has a task inbox.</summary>
    public static readonly IReadOnlySet<Role> TaskViewers = new HashSet<Role>(GridWorkers.Concat(Officers));

    /// <summary>Who may run the sweep on demand.</summary>
    public static readonly IReadOnlySet<Role> SweepRunners = new HashSet<Role> { Role.Admin, Role.CountyCommander };

    public static string Label(this WorkTaskKind kind) => kind switch
    {
        WorkTaskKind.Referral => "转诊",
        WorkTaskKind.MissedCheck => "漏测",
        WorkTaskKind.OverdueTest => "逾期检测",
        WorkTaskKind.Retest => "单管复核",
        WorkTaskKind.HomeSampling => "入户采样",
        _ => kind.ToString(),
    };

    public static string Label(this WorkTaskStatus status) => status switch
    {
        WorkTaskStatus.Open => "待办",
        WorkTaskStatus.Done => "已完成",
        _ => status.ToString(),
    };

    public static string Label(this ReferralDestination destination) => destination switch
    {
        ReferralDestination.FeverClinic => "发热门诊",
        ReferralDestination.DesignatedHospital => "定点医院",
        _ => destination.ToString(),
    };

    public static string Celsius(double t) => t.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " °C";
}
