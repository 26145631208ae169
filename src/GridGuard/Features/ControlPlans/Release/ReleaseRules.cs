using GridGuard.Platform.Auth;

namespace GridGuard.Features.ControlPlans.Release;

/// <summary>One of the four release conditions (DOMAIN.md §6, 004) and whether it holds.</summary>
public sealed record ReleaseCondition(string Name, bool Met, string Detail);

/// <summary>
/// The release rule of DOMAIN.md §6 as a pure function. A plan may be released only when all four hold:
/// the last phase has ended (the county day is after its last day), the last scheduled test is negative, no abnormal
/// health check in the last 24 hours, and two signatures from two different users — the steward and the medical staff.
/// </summary>
public static class ReleaseRules
{
    /// <summary>Who signs as the steward (包保干部): stewards and the grid's and village's staff.</summary>
    public static readonly IReadOnlySet<Role> StewardSigners = new HashSet<Role>
    {
        Role.Steward, Role.GridManager, Role.GridLeader, Role.FirstGridLeader, Role.GridOfficer, Role.VillageOfficer,
    };

    /// <summary>Who signs as the medical staff (包保医务人员).</summary>
    public static readonly IReadOnlySet<Role> MedicalSigners = new HashSet<Role> { Role.MedicalStaff };

    public static IReadOnlySet<Role> SignersOf(SignatureKind kind) => kind == SignatureKind.Medical ? MedicalSigners : StewardSigners;

    public static string Label(this SignatureKind kind) => kind == SignatureKind.Medical ? "包保医务人员" : "包保干部";

    /// <summary>
    /// The three conditions that do not depend on signatures, in the order 004 gives them. Times are county-local
    /// (<paramref name="lastAbnormalCheck"/> and <paramref name="now"/> alike), as staff read them.
    /// </summary>
    public static IReadOnlyList<ReleaseCondition> Before(DateOnly? lastDay, DateOnly today, DateOnly? lastTestDue, bool? lastTestNegative,
        DateTime? lastAbnormalCheck, DateTime now)
    {
        var ended = lastDay is { } end && today > end;
        var negative = lastTestDue is not null && lastTestNegative == true;
        var quiet = lastAbnormalCheck is not { } at || at <= now.AddHours(-24);
        return
        [
            new("管控期已满", ended, lastDay is { } d ? (ended ? $"最后一天 {d:yyyy-MM-dd} 已过" : $"最后一天为 {d:yyyy-MM-dd}，期满后次日方可解除") : "计划没有管控阶段"),
            new("最后一次核酸检测阴性", negative, lastTestDue is { } due
                ? $"{due:yyyy-MM-dd} 的检测：{(lastTestNegative switch { true => "阴性", false => "非阴性", null => "尚无结果" })}"
                : "计划没有安排检测"),
            new("近 24 小时无异常健康监测", quiet, lastAbnormalCheck is { } a ? $"最近一次异常记录于 {a:yyyy-MM-dd HH:mm}" : "无异常记录"),
        ];
    }

    /// <summary>The signature condition: both kinds present from two different users.</summary>
    public static ReleaseCondition Signatures(IReadOnlyCollection<(SignatureKind Kind, Guid UserId, string Name)> signatures)
    {
        var steward = signatures.FirstOrDefault(s => s.Kind == SignatureKind.Steward);
        var medical = signatures.FirstOrDefault(s => s.Kind == SignatureKind.Medical);
        var met = steward.Name is not null && medical.Name is not null && steward.UserId != medical.UserId;
        return new ReleaseCondition("包保干部与医务人员两人签字", met,
            $"包保干部：{steward.Name ?? "未签"}；包保医务人员：{medical.Name ?? "未签"}");
    }
}
