using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Venues;

/// <summary>The API body of register and edit, and the pages' form (never the entity).</summary>
public sealed class VenueForm
{
    /// <summary>The grid (a Grid-level node in the user's scope where they may register).</summary>
    public Guid? JurisdictionId { get; set; }

    public string? Name { get; set; }

    /// <summary>A <see cref="VenueKind"/> name ("Hotel") or its label ("宾馆酒店").</summary>
    public string? Kind { get; set; }

    public string? Address { get; set; }

    public string? ResponsibleName { get; set; }

    public string? ResponsiblePhone { get; set; }

    /// <summary>外地员工数, at least 0 (empty means 0).</summary>
    public int? NonLocalStaff { get; set; }
}

/// <summary>The checked values of a <see cref="VenueForm"/>.</summary>
public sealed record VenueValues(Jurisdiction Grid, string Name, VenueKind Kind, string? Address, string ResponsibleName,
    string? ResponsiblePhone, int NonLocalStaff);

/// <summary>
/// Checks a venue form field by field (Chinese messages that name the field) and the grid: it must exist, be a grid,
/// be active, lie in the user's scope, and the user must hold a registry-editor role there. The same rules serve the
/// API, the pages and (cell by cell) the import.
/// </summary>
public static class VenueInput
{
    public const int AddressMaxLength = 200;
    public const int ResponsibleNameMaxLength = 50;
    public const int MaxStaff = 1_000_000;

    public const string ForbiddenMessage = "您的岗位无权在该网格登记重点场所";

    /// <summary>The values, or the result to return (field errors, or 403 for a grid where the user may not register).</summary>
    public static async Task<(VenueValues? Values, RegistryResult? Failure)> CheckAsync(
        AppDbContext db, CurrentUser me, VenueForm form, Guid? exceptVenueId, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var grid = await GridAsync(db, me, form.JurisdictionId, errors, ct);
        if (grid is not null && !me.HoldsAt(grid.Path, RoleNames.RegistryEditors))
        {
            return (null, RegistryResult.Forbidden(ForbiddenMessage));
        }

        var name = Required(form.Name, "Name", "场所名称", Venue.NameMaxLength, errors);
        VenueKind? kind = null;
        if (string.IsNullOrWhiteSpace(form.Kind))
        {
            errors.Add("Kind", "类型：请选择场所类型");
        }
        else if ((kind = VenueText.ParseKind(form.Kind)) is null)
        {
            errors.Add("Kind", $"类型：“{Shorten(form.Kind)}”无法识别，应为 {VenueText.KindList}");
        }

        var address = Optional(form.Address, "Address", "地址", AddressMaxLength, errors);
        var responsible = Required(form.ResponsibleName, "ResponsibleName", "负责人", ResponsibleNameMaxLength, errors);
        var (phone, phoneError) = VenueText.NormalizePhone(form.ResponsiblePhone);
        if (phoneError is not null)
        {
            errors.Add("ResponsiblePhone", phoneError);
        }

        var staff = form.NonLocalStaff ?? 0;
        if (StaffError(staff) is { } staffError)
        {
            errors.Add("NonLocalStaff", staffError);
        }

        if (grid is not null && name is not null
            && await db.Venues.AsNoTracking().AnyAsync(v => v.JurisdictionId == grid.Id && v.Name == name && v.Id != exceptVenueId, ct))
        {
            errors.Add("Name", DuplicateName(grid.Name, name));
        }

        return errors.Any
            ? (null, RegistryResult.Invalid(errors))
            : (new VenueValues(grid!, name!, kind!.Value, address, responsible!, phone, staff), null);
    }

    /// <summary>The message for a second venue of the same name in a grid (active or not).</summary>
    public static string DuplicateName(string gridName, string name) =>
        $"场所名称：网格“{gridName}”已有名为“{name}”的场所（含已停用的），请修改原记录或换一个名称";

    /// <summary>外地员工数 must be a whole number from 0 up.</summary>
    public static string? StaffError(int staff) =>
        staff < 0 ? "外地员工数：不能小于 0" : staff > MaxStaff ? $"外地员工数：不能超过 {MaxStaff}" : null;

    private static async Task<Jurisdiction?> GridAsync(AppDbContext db, CurrentUser me, Guid? gridId, FieldErrors errors,
        CancellationToken ct)
    {
        if (gridId is not { } id)
        {
            errors.Add("JurisdictionId", "网格：请选择网格");
            return null;
        }

        var grid = await db.Jurisdictions.AsNoTracking().InScopeOf(me).FirstOrDefaultAsync(j => j.Id == id, ct);
        if (grid is null)
        {
            errors.Add("JurisdictionId", "网格：不存在或不在您的管辖范围内");
            return null;
        }

        if (grid.Level != JurisdictionLevel.Grid)
        {
            errors.Add("JurisdictionId", $"网格：“{grid.Name}”是{grid.Level.Label()}，请选择网格");
            return null;
        }

        if (!grid.IsActive)
        {
            errors.Add("JurisdictionId", $"网格：“{grid.Name}”已停用");
            return null;
        }

        return grid;
    }

    private static string? Required(string? input, string field, string label, int max, FieldErrors errors)
    {
        var text = Optional(input, field, label, max, errors);
        if (text is null && !errors.For(field).Any())
        {
            errors.Add(field, $"{label}：不能为空");
        }

        return text;
    }

    private static string? Optional(string? input, string field, string label, int max, FieldErrors errors)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > max)
        {
            errors.Add(field, $"{label}：不能超过 {max} 个字符（现有 {text.Length} 个）");
            return null;
        }

        return text;
    }

    private static string Shorten(string s) => s.Length <= 20 ? s : s[..20] + "…";
}
