using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Features.Venues;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Quarantine.Sites;

/// <summary>The API body of register and edit, and the pages' form (never the entity).</summary>
public sealed class SiteForm
{
    /// <summary>The node the site belongs to (county, township or village in the user's scope).</summary>
    public Guid? JurisdictionId { get; set; }

    public string? Name { get; set; }

    public string? Address { get; set; }

    public string? ResponsibleName { get; set; }

    public string? ResponsiblePhone { get; set; }
}

public sealed record SiteValues(Jurisdiction Node, string Name, string Address, string ResponsibleName, string? ResponsiblePhone);

/// <summary>
/// Checks a site form field by field (Chinese messages naming the field) and the node: it must exist, be active, lie in
/// the user's scope, and the user must hold a site-manager role there (<see cref="SiteRules.Managers"/>).
/// </summary>
public static class SiteInput
{
    public const string ForbiddenMessage = "您的岗位无权在该辖区登记隔离点";

    /// <summary>Levels a site may be registered at.</summary>
    public static readonly IReadOnlySet<JurisdictionLevel> Levels = new HashSet<JurisdictionLevel>
    {
        JurisdictionLevel.County, JurisdictionLevel.Township, JurisdictionLevel.Village,
    };

    public static async Task<(SiteValues? Values, RegistryResult? Failure)> CheckAsync(
        AppDbContext db, CurrentUser me, SiteForm form, Guid? exceptSiteId, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Jurisdiction? node = null;
        if (form.JurisdictionId is not { } nodeId)
        {
            errors.Add("JurisdictionId", "所属辖区：请选择辖区");
        }
        else if ((node = await db.Jurisdictions.AsNoTracking().InScopeOf(me).FirstOrDefaultAsync(j => j.Id == nodeId, ct)) is null)
        {
            errors.Add("JurisdictionId", "所属辖区：不存在或不在您的管辖范围内");
        }
        else if (!Levels.Contains(node.Level))
        {
            errors.Add("JurisdictionId", $"所属辖区：“{node.Name}”是{node.Level.Label()}，隔离点应属于县、乡镇（街道）或村（社区）");
            node = null;
        }
        else if (!node.IsActive)
        {
            errors.Add("JurisdictionId", $"所属辖区：“{node.Name}”已停用");
            node = null;
        }
        else if (!me.HoldsAt(node.Path, SiteRules.Managers))
        {
            return (null, RegistryResult.Forbidden(ForbiddenMessage));
        }

        var name = errors.Text(form.Name, "Name", "隔离点名称", QuarantineSite.NameMaxLength, required: true);
        var address = errors.Text(form.Address, "Address", "地址", QuarantineSite.AddressMaxLength, required: true);
        var responsible = errors.Text(form.ResponsibleName, "ResponsibleName", "负责人", QuarantineSite.ResponsibleNameMaxLength,
            required: true);
        var (phone, phoneError) = VenueText.NormalizePhone(form.ResponsiblePhone);
        if (phoneError is not null)
        {
            errors.Add("ResponsiblePhone", phoneError);
        }

        if (node is not null && name is not null
            && await db.QuarantineSites.AsNoTracking().AnyAsync(s => s.JurisdictionId == node.Id && s.Name == name && s.Id != exceptSiteId, ct))
        {
            errors.Add("Name", DuplicateName(node.Name, name));
        }

        return errors.Any
            ? (null, RegistryResult.Invalid(errors))
            : (new SiteValues(node!, name!, address!, responsible!, phone), null);
    }

    public static string DuplicateName(string nodeName, string name) => $"隔离点名称：“{nodeName}”已有名为“{name}”的隔离点";

}
