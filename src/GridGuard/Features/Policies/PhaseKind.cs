namespace GridGuard.Features.Policies;

/// <summary>The kind of one measure phase of a control plan (DOMAIN.md §5).</summary>
public enum PhaseKind
{
    /// <summary>集中隔离医学观察: at a quarantine site.</summary>
    CentralQuarantine,

    /// <summary>居家隔离医学观察: at home, not leaving.</summary>
    HomeQuarantine,

    /// <summary>居家健康监测: at home, may go out only as allowed.</summary>
    HomeHealthMonitoring,
}

public static class PhaseKinds
{
    /// <summary>
    /// Health checks per day when a rule does not say: Central and Home 2 (001: “每天上门2次测量体温”),
    /// HomeHealthMonitoring 1 (DOMAIN.md §5).
    /// </summary>
    public static int DefaultChecksPerDay(this PhaseKind kind) => kind == PhaseKind.HomeHealthMonitoring ? 1 : 2;

    public static string Label(this PhaseKind kind) => kind switch
    {
        PhaseKind.CentralQuarantine => "集中隔离医学观察",
        PhaseKind.HomeQuarantine => "居家隔离医学观察",
        PhaseKind.HomeHealthMonitoring => "居家健康监测",
        _ => kind.ToString(),
    };
}
