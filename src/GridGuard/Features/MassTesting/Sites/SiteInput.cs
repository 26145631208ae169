using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Sites;

/// <summary>The API body of adding and editing a sampling site, and the page's form (never the entity).</summary>
public sealed class SamplingSiteForm
{
    public string? Name { get; set; }

    public string? Address { get; set; }

    /// <summary>The node the site belongs to: any active node inside the round's subtree.</summary>
    public Guid? JurisdictionId { get; set; }

    /// <summary>Opening time in county time, "07:00".</summary>
    public TimeOnly? Opens { get; set; }

    /// <summary>Closing time in county time, "20:00"; later than <see cref="Opens"/> (no site opens over midnight).</summary>
    public TimeOnly? Closes { get; set; }

    public int? Lanes { get; set; }

    public string? Staff { get; set; }
}

public sealed record SiteValues(Jurisdiction Node, string Name, string Address, TimeOnly Opens, TimeOnly Closes, int Lanes,
    string? Staff);

/// <summary>A round the user may see, with its root node; loaded through the scope helper.</summary>
public sealed record RoundRef(Guid Id, string Name, Guid NodeId, string NodeName, string Path, DateTime StartsAt,
    DateTime EndsAt, RoundStatus Status);

/// <summary>
/// Loads a round in the user's scope, and checks a site form field by field (Chinese messages naming the field): the
/// node inside the round's subtree, opening hours with Opens before Closes, 1..<see cref="SamplingSite.MaxLanes"/>
/// lanes, and a name unique in the round.
/// </summary>
public static class SiteInput
{
    public const string ForbiddenMessage = "只有本轮筛查所在辖区或上级的乡镇（街道）、县级人员可以设置采样点";

    /// <summary>The round when it is in the user's scope; null otherwise (the caller answers 404).</summary>
    public static Task<RoundRef?> RoundAsync(AppDbContext db, CurrentUser me, Guid roundId, CancellationToken ct) =>
        db.MassTestingRounds.AsNoTracking().InScopeOf(me).Where(r => r.Id == roundId)
            .Select(r => new RoundRef(r.Id, r.Name, r.JurisdictionId, r.Jurisdiction!.Name, r.Jurisdiction.Path, r.StartsAt,
                r.EndsAt, r.Status))
            .FirstOrDefaultAsync(ct);

    /// <summary>Organisers hold a role at the round's node or above it.</summary>
    public static bool CanOrganise(CurrentUser me, RoundRef round) => me.HoldsAt(round.Path, MassTestingText.Organisers);

    public static async Task<(SiteValues? Values, FieldErrors? Errors)> CheckAsync(AppDbContext db, CountyClock clock,
        RoundRef round, SamplingSiteForm form, Guid? exceptSiteId, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var name = errors.Text(form.Name, "Name", "采样点名称", SamplingSite.NameMaxLength, required: true);
        var address = errors.Text(form.Address, "Address", "地址", SamplingSite.AddressMaxLength, required: true);
        var staff = errors.Text(form.Staff, "Staff", "工作人员", SamplingSite.StaffMaxLength, required: false);

        Jurisdiction? node = null;
        if (form.JurisdictionId is not { } nodeId)
        {
            errors.Add("JurisdictionId", "所属辖区：请选择辖区");
        }
        else
        {
            var path = round.Path;
            node = await db.Jurisdictions.AsNoTracking()
                .FirstOrDefaultAsync(j => j.Id == nodeId && j.IsActive && j.Path.StartsWith(path), ct);
            if (node is null)
            {
                errors.Add("JurisdictionId", $"所属辖区：不在本轮筛查范围（{round.NodeName}）内");
            }
        }

        if (form.Opens is null)
        {
            errors.Add("Opens", "开放时间：不能为空");
        }

        if (form.Closes is null)
        {
            errors.Add("Closes", "关闭时间：不能为空");
        }
        else if (form.Opens is { } o && form.Closes is { } c && c <= o)
        {
            errors.Add("Closes", "关闭时间：应晚于开放时间（不跨夜）");
        }

        if (form.Lanes is not { } lanes || lanes < 1 || lanes > SamplingSite.MaxLanes)
        {
            errors.Add("Lanes", $"采样通道数：应为 1 至 {SamplingSite.MaxLanes} 之间的整数");
        }

        if (name is not null
            && await db.SamplingSites.AsNoTracking().AnyAsync(s => s.RoundId == round.Id && s.Name == name && s.Id != exceptSiteId, ct))
        {
            errors.Add("Name", DuplicateName(name));
        }

        if (exceptSiteId is { } siteId && form.Opens is { } opens && form.Closes is { } closes && closes > opens)
        {
            var slots = await db.SamplingSlots.AsNoTracking().Where(x => x.SiteId == siteId)
                .Select(x => new { x.StartsAt, x.EndsAt }).ToListAsync(ct);
            if (slots.Count > 0 && slots.Any(x => !TimetableRules.WithinHours(clock.ToLocal(x.StartsAt), clock.ToLocal(x.EndsAt), opens, closes)))
            {
                errors.Add("Opens", "开放时间：已排的时段超出新的开放时间，请先调整时间表");
            }
        }

        return errors.Any
            ? (null, errors)
            : (new SiteValues(node!, name!, address!, form.Opens!.Value, form.Closes!.Value, form.Lanes!.Value, staff), null);
    }

    public static string DuplicateName(string name) => $"采样点名称：本轮筛查已有名为“{name}”的采样点";

}
