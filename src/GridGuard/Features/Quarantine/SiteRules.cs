using System.Globalization;
using System.Text.RegularExpressions;
using GridGuard.Platform.Auth;

namespace GridGuard.Features.Quarantine;

/// <summary>The activation clock of a site (24 h: clear, take over, receive; 003) as of a moment.</summary>
public sealed record ActivationClock(DateTime StartedAt, DateTime Deadline, int RemainingMinutes, bool Overdue, string Text);

/// <summary>Pure rules of quarantine sites: status changes, the activation clock, room codes and plates. No I/O.</summary>
public static partial class SiteRules
{
    public static readonly TimeSpan ActivationLimit = TimeSpan.FromHours(24);

    public const int MaxRoomsPerRequest = 200;

    /// <summary>Roles that may register sites, change their status, add rooms, place and check out people, record transfers.</summary>
    public static readonly IReadOnlySet<Role> Managers = new HashSet<Role>
    {
        Role.Admin, Role.CountyCommander, Role.TownshipOfficer, Role.VillageOfficer,
    };

    /// <summary>
    /// The clock of an activating site: time left before the 24-hour limit, or the warning once it has run out (at the
    /// limit exactly, it has run out). Null when the site is not activating.
    /// </summary>
    public static ActivationClock? Clock(SiteStatus status, DateTime? startedAt, DateTime now)
    {
        if (status != SiteStatus.Activating || startedAt is not { } start)
        {
            return null;
        }

        var deadline = start + ActivationLimit;
        var left = deadline - now;
        if (left <= TimeSpan.Zero)
        {
            return new(start, deadline, 0, true, $"警告：启用已超过 24 小时（超时 {Span(-left)}），仍未完成腾空、接管、接收");
        }

        // Whole minutes left, rounded up: "剩余 0 小时 1 分" until the last second.
        var minutes = (int)Math.Ceiling(left.TotalMinutes);
        return new(start, deadline, minutes, false, $"启用倒计时：剩余 {minutes / 60} 小时 {minutes % 60} 分");
    }

    /// <summary>Why a status change is refused, or null when it is allowed. <paramref name="occupants"/>: people in the site.</summary>
    public static string? TransitionError(SiteStatus from, SiteStatus to, int occupants) => (from, to) switch
    {
        _ when from == to => $"状态：隔离点已是“{to.Label()}”",
        (SiteStatus.Standby, SiteStatus.Activating) => null,
        (SiteStatus.Activating, SiteStatus.Active) => null,
        (SiteStatus.Activating, SiteStatus.Standby) => null,
        (SiteStatus.Active, SiteStatus.Standby) when occupants > 0 => $"状态：仍有 {occupants} 人在住，全部退房后才能撤回待命",
        (SiteStatus.Active, SiteStatus.Standby) => null,
        (SiteStatus.Standby, SiteStatus.Active) => "状态：待命的隔离点须先“启动启用”（24 小时内完成腾空、接管、接收），再确认启用",
        _ => $"状态：不能从“{from.Label()}”改为“{to.Label()}”",
    };

    /// <summary>
    /// Room codes from "101", "101-120", "A101-A110" or a list of these separated by commas or spaces. A range keeps the
    /// width of its numbers (001-010) and its letter prefix. Returns the codes in order, or the message for the field.
    /// </summary>
    public static (IReadOnlyList<string> Codes, string? Error) ParseRoomCodes(string? input)
    {
        var text = (input ?? "").Trim();
        if (text.Length == 0)
        {
            return ([], "房间号：不能为空，可填一个（101）或一段（101-120）");
        }

        var codes = new List<string>();
        foreach (var part in Separators().Split(text).Where(p => p.Length > 0))
        {
            var range = Range().Match(part.Replace('—', '-').Replace('－', '-').Replace('~', '-').Replace('～', '-'));
            if (range.Success)
            {
                var (prefix, a, b) = (range.Groups["p"].Value, range.Groups["a"].Value, range.Groups["b"].Value);
                var prefix2 = range.Groups["q"].Value;
                if (prefix2.Length > 0 && prefix2 != prefix)
                {
                    return ([], $"房间号：“{part}”前后的字母不同");
                }

                var (from, to) = (int.Parse(a, CultureInfo.InvariantCulture), int.Parse(b, CultureInfo.InvariantCulture));
                if (to < from)
                {
                    return ([], $"房间号：“{part}”的结束号小于开始号");
                }

                if (to - from + 1 > MaxRoomsPerRequest)
                {
                    return ([], $"房间号：一次最多添加 {MaxRoomsPerRequest} 间");
                }

                var width = a.Length == b.Length ? a.Length : 0;
                for (var n = from; n <= to; n++)
                {
                    codes.Add(prefix + n.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));
                }
            }
            else if (part.Contains('-', StringComparison.Ordinal))
            {
                return ([], $"房间号：“{Shorten(part)}”不是有效的范围，应如 101-120");
            }
            else
            {
                codes.Add(part);
            }
        }

        if (codes.FirstOrDefault(c => c.Length > QuarantineRoom.CodeMaxLength) is { } tooLong)
        {
            return ([], $"房间号：“{Shorten(tooLong)}”超过 {QuarantineRoom.CodeMaxLength} 个字符");
        }

        if (codes.Count > MaxRoomsPerRequest)
        {
            return ([], $"房间号：一次最多添加 {MaxRoomsPerRequest} 间");
        }

        var twice = codes.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        return twice.Count > 0 ? ([], $"房间号：{string.Join("、", twice)} 填写了不止一次") : (codes, null);
    }

    /// <summary>A Chinese plate ("云A12345", new-energy "云AD12345"), upper-cased and without spaces or dots; or the message.</summary>
    public static (string? Plate, string? Error) NormalizePlate(string? input)
    {
        var plate = PlateNoise().Replace(input ?? "", "").ToUpperInvariant();
        if (plate.Length == 0)
        {
            return (null, "车牌号：不能为空");
        }

        return Plate().IsMatch(plate) ? (plate, null) : (null, $"车牌号：“{Shorten(plate)}”不是有效的车牌号，应如 云A12345");
    }

    private static string Span(TimeSpan t)
    {
        var minutes = (int)Math.Floor(t.TotalMinutes);
        return $"{minutes / 60} 小时 {minutes % 60} 分";
    }

    private static string Shorten(string s) => s.Length <= 20 ? s : s[..20] + "…";

    [GeneratedRegex(@"[,，、;；\s]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^(?<p>[A-Za-z]*)(?<a>\d{1,6})-(?<q>[A-Za-z]*)(?<b>\d{1,6})$")]
    private static partial Regex Range();

    [GeneratedRegex(@"[\s·\.\-]")]
    private static partial Regex PlateNoise();

    [GeneratedRegex(@"^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$")]
    private static partial Regex Plate();
}
