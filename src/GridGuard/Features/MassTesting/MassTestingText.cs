using GridGuard.Features.ControlPlans;
using GridGuard.Platform.Auth;

namespace GridGuard.Features.MassTesting;

/// <summary>Who does what in a mass-testing round, and the Chinese labels of its states.</summary>
public static class MassTestingText
{
    /// <summary>Open and close rounds, set up sites and timetables: township and county staff.</summary>
    public static readonly IReadOnlySet<Role> Organisers = new HashSet<Role>
    {
        Role.Admin, Role.CountyCommander, Role.TownshipOfficer,
    };

    /// <summary>Record exemptions: the organisers and the village and grid staff who know the people.</summary>
    public static readonly IReadOnlySet<Role> Exempters = new HashSet<Role>
    {
        Role.Admin, Role.CountyCommander, Role.TownshipOfficer, Role.VillageOfficer, Role.FirstGridLeader,
        Role.GridLeader, Role.GridManager, Role.MedicalStaff,
    };

    /// <summary>Open tubes and scan people: medical staff (samplers) and the organisers.</summary>
    public static readonly IReadOnlySet<Role> Samplers = new HashSet<Role>
    {
        Role.Admin, Role.CountyCommander, Role.TownshipOfficer, Role.MedicalStaff,
    };

    /// <summary>Enter lab results and corrections.</summary>
    public static readonly IReadOnlySet<Role> LabStaff = new HashSet<Role>
    {
        Role.Admin, Role.CountyCommander, Role.MedicalStaff,
    };

    public static string Label(this RoundStatus status) => status switch
    {
        RoundStatus.Open => "进行中",
        RoundStatus.Closed => "已结束",
        RoundStatus.Preparing => "准备中",
        _ => status.ToString(),
    };

    public static string Label(this ExemptionKind kind) => kind switch
    {
        ExemptionKind.Away => "外出",
        ExemptionKind.Hospitalised => "住院",
        ExemptionKind.Deceased => "死亡",
        _ => kind.ToString(),
    };

    public static string Label(this TubeStatus status) => status switch
    {
        TubeStatus.Open => "采样中",
        TubeStatus.Closed => "已封管",
        _ => status.ToString(),
    };

    public static string Label(this SamplingOutcome outcome) => outcome switch
    {
        SamplingOutcome.Pending => "待出结果",
        SamplingOutcome.Negative => "阴性",
        SamplingOutcome.PooledPositive => "混管阳性，待单管复核",
        SamplingOutcome.Positive => "阳性（疑似病例）",
        SamplingOutcome.Invalid => "无效，需重新采样",
        _ => outcome.ToString(),
    };

    public static string Label(this TestResult result) => result switch
    {
        TestResult.Negative => "阴性",
        TestResult.Positive => "阳性",
        TestResult.Invalid => "无效",
        _ => result.ToString(),
    };

    public static string PoolLabel(int poolSize) => poolSize == 1 ? "单管（一人一管）" : $"{poolSize}合1混管";
}
