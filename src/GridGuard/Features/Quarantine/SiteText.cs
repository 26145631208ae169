namespace GridGuard.Features.Quarantine;

/// <summary>Chinese words of quarantine sites.</summary>
public static class SiteText
{
    public static string Label(this SiteStatus status) => status switch
    {
        SiteStatus.Standby => "待命",
        SiteStatus.Activating => "启用中",
        SiteStatus.Active => "已启用",
        _ => status.ToString(),
    };

    public static string Label(this RoomStatus status) => status switch
    {
        RoomStatus.Free => "空闲",
        RoomStatus.Occupied => "在住",
        RoomStatus.Cleaning => "待消杀",
        _ => status.ToString(),
    };

    /// <summary>A status by name ("Active") or label ("已启用"); null for anything else.</summary>
    public static SiteStatus? ParseStatus(string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t))
        {
            return null;
        }

        if (Enum.TryParse<SiteStatus>(t, ignoreCase: true, out var s) && Enum.IsDefined(s) && !char.IsDigit(t[0]))
        {
            return s;
        }

        return Enum.GetValues<SiteStatus>().Cast<SiteStatus?>().FirstOrDefault(v => v!.Value.Label() == t);
    }
}
