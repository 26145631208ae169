using System.Text.RegularExpressions;
using GridGuard.Features.Households;

namespace GridGuard.Features.Venues;

/// <summary>
/// Chinese words of the venues (重点场所) and their small pure rules: the kind labels (DOMAIN.md §4; seeds 001, 002),
/// the other words a list may use for a kind, and the responsible person's phone.
/// </summary>
public static partial class VenueText
{
    /// <summary>The label of each kind, as lists, forms, exports and the import template show it.</summary>
    public static string Label(this VenueKind kind) => kind switch
    {
        VenueKind.Enterprise => "企业",
        VenueKind.ScenicSpot => "景区",
        VenueKind.Hotel => "宾馆酒店",
        VenueKind.Restaurant => "餐饮",
        VenueKind.ChessRoom => "棋牌室",
        VenueKind.LotteryShop => "彩票店",
        VenueKind.NursingHome => "养老院",
        VenueKind.School => "学校",
        VenueKind.Kindergarten => "幼儿园",
        VenueKind.Market => "农贸市场",
        VenueKind.Supermarket => "商超",
        VenueKind.Pharmacy => "药店",
        VenueKind.BusStop => "公交站",
        VenueKind.OfficeBuilding => "写字楼",
        VenueKind.IndustrialPark => "工业园区",
        _ => kind.ToString(),
    };

    public static string StatusLabel(bool isActive) => isActive ? "在用" : "已停用";

    /// <summary>Other words for a kind, as the seeds and county lists write them (seed 002: 风景区、宾馆、餐馆、彩票站…).</summary>
    private static readonly Dictionary<string, VenueKind> Aliases = new()
    {
        ["企事业单位"] = VenueKind.Enterprise,
        ["单位"] = VenueKind.Enterprise,
        ["风景区"] = VenueKind.ScenicSpot,
        ["景点"] = VenueKind.ScenicSpot,
        ["宾馆"] = VenueKind.Hotel,
        ["酒店"] = VenueKind.Hotel,
        ["旅馆"] = VenueKind.Hotel,
        ["民宿"] = VenueKind.Hotel,
        ["餐馆"] = VenueKind.Restaurant,
        ["饭店"] = VenueKind.Restaurant,
        ["餐饮场所"] = VenueKind.Restaurant,
        ["农家乐"] = VenueKind.Restaurant,
        ["文化室"] = VenueKind.ChessRoom,
        ["彩票站"] = VenueKind.LotteryShop,
        ["福利院"] = VenueKind.NursingHome,
        ["敬老院"] = VenueKind.NursingHome,
        ["老年人活动中心"] = VenueKind.NursingHome,
        ["中小学"] = VenueKind.School,
        ["中小学校"] = VenueKind.School,
        ["托儿所"] = VenueKind.Kindergarten,
        ["市场"] = VenueKind.Market,
        ["超市"] = VenueKind.Supermarket,
        ["商场"] = VenueKind.Supermarket,
        ["商店超市"] = VenueKind.Supermarket,
        ["公交车停靠点"] = VenueKind.BusStop,
        ["公交车站"] = VenueKind.BusStop,
        ["商务楼宇"] = VenueKind.OfficeBuilding,
        ["园区"] = VenueKind.IndustrialPark,
    };

    /// <summary>A kind by its English name (case-insensitive), its label or one of its other words; numbers are refused.</summary>
    public static VenueKind? ParseKind(string? text)
    {
        var t = (text ?? "").Trim();
        if (RegistryText.TryParse<VenueKind>(t, Label, out var kind))
        {
            return kind;
        }

        return Aliases.TryGetValue(t, out var alias) ? alias : null;
    }

    /// <summary>The labels of all kinds, for messages and the template ("企业、景区、…").</summary>
    public static string KindList => string.Join("、", Enum.GetValues<VenueKind>().Select(Label));

    /// <summary>
    /// A mainland mobile (11 digits, 1[3-9]…, +86 dropped) or a fixed line with its area code: 010 or 02x with 8
    /// digits, or a 4-digit code 03xx–09xx with 7 or 8 digits (the local number does not start with 0 or 1).
    /// Spaces, dashes and brackets are allowed; a fixed line is kept as "0877-2123456". Empty input is "no phone".
    /// Returns the normalised number, or null with a Chinese error naming <paramref name="field"/>.
    /// </summary>
    public static (string? Phone, string? Error) NormalizePhone(string? input, string field = "联系电话")
    {
        var raw = (input ?? "").Trim();
        if (raw.Length == 0)
        {
            return (null, null);
        }

        var (mobile, mobileError) = RegistryText.NormalizePhone(raw, field);
        if (mobileError is null)
        {
            return (mobile, null);
        }

        var digits = Separators().Replace(raw, "");
        if (FixedLine().Match(digits) is { Success: true } m)
        {
            return (m.Groups["area"].Value + "-" + m.Groups["local"].Value, null);
        }

        var shown = raw.Length <= 20 ? raw : raw[..20] + "…";
        return (null, $"{field}：应为 11 位手机号码，或带区号的固定电话（如 0877-2123456），实际为“{shown}”");
    }

    [GeneratedRegex(@"[\s\-()（）]")]
    private static partial Regex Separators();

    [GeneratedRegex("^(?:(?<area>010|02[0-9])(?<local>[2-9][0-9]{7})|(?<area>0[3-9][0-9]{2})(?<local>[2-9][0-9]{6,7}))$")]
    private static partial Regex FixedLine();
}
