using GridGuard.Features.Policies;
using GridGuard.Platform.Auth;

namespace GridGuard.Features.ControlPlans;

/// <summary>Who works with arrival reports and control plans, and the Chinese labels of their states.</summary>
public static class PlanText
{
    /// <summary>
    /// Who sees arrival reports and plans, computes and confirms plans: the registry editors (officers, grid leaders
    /// and grid managers) of the node's subtree. A report holds an identity number and a phone.
    /// </summary>
    public static readonly IReadOnlySet<Role> Staff = RoleNames.RegistryEditors;

    /// <summary>Who may file a report for a person (a grid worker on a visit): the staff and the visitors.</summary>
    public static readonly IReadOnlySet<Role> Filers = new HashSet<Role>(RoleNames.RegistryEditors.Concat(RoleNames.Visitors));

    public static string Label(this ArrivalStatus status) => status switch
    {
        ArrivalStatus.New => "待处理",
        ArrivalStatus.Planned => "已生成计划",
        ArrivalStatus.Closed => "已关闭",
        _ => status.ToString(),
    };

    public static string Label(this PlanStatus status) => status switch
    {
        PlanStatus.Proposed => "待确认",
        PlanStatus.Active => "执行中",
        PlanStatus.Released => "已解除",
        PlanStatus.Cancelled => "已取消",
        _ => status.ToString(),
    };

    public static string Label(this PlanException exception) => exception switch
    {
        PlanException.None => "无",
        PlanException.Proposed => "建议特殊人群居家（待决定）",
        PlanException.Kept => "特殊人群居家（已确认）",
        PlanException.Overridden => "按规则集中隔离（已否决居家建议）",
        _ => exception.ToString(),
    };

    public static string LevelLabel(RiskLevel? level) => level switch
    {
        RiskLevel.High => "高风险",
        RiskLevel.Medium => "中风险",
        RiskLevel.Low => "低风险",
        _ => "未知",
    };
}
