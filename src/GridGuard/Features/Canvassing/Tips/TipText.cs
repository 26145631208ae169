using GridGuard.Platform.Auth;

namespace GridGuard.Features.Canvassing.Tips;

/// <summary>Labels and small pure rules of tips and rewards.</summary>
public static class TipText
{
    /// <summary>
    /// Who triages tips and keeps the reward ledger: the registry editors (officers, grid leaders and managers), who also
    /// register and flag persons. Volunteers and stewards are not: a tip names a neighbour and its tipster.
    /// </summary>
    public static readonly IReadOnlySet<Role> Staff = RoleNames.RegistryEditors;

    /// <summary>The name a reward is recorded under when the tipster left none.</summary>
    public const string AnonymousTipster = "匿名举报人";

    public static string Label(this TipStatus status) => status switch
    {
        TipStatus.New => "待核实",
        TipStatus.Confirmed => "已确认",
        TipStatus.Rejected => "已驳回",
        _ => status.ToString(),
    };

    /// <summary>Phones in lists and exports: 138****5678. Anything that is not 11 characters keeps only its last 4.</summary>
    public static string MaskPhone(string? phone) => phone switch
    {
        null or "" => "",
        { Length: 11 } => phone[..3] + "****" + phone[^4..],
        { Length: > 4 } => new string('*', phone.Length - 4) + phone[^4..],
        _ => new string('*', phone.Length),
    };

    /// <summary>"1 小时", "24 小时", "30 分钟": a window or a wait in words.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span.TotalMinutes < 1)
        {
            return "1 分钟";
        }

        var minutes = (int)Math.Ceiling(span.TotalMinutes);
        var hours = minutes / 60;
        var rest = minutes % 60;
        return hours == 0 ? $"{rest} 分钟" : rest == 0 ? $"{hours} 小时" : $"{hours} 小时 {rest} 分钟";
    }
}
