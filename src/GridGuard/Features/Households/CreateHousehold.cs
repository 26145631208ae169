using GridGuard.Features.Jurisdictions;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Households;

/// <summary>POST /api/households: registers a household in a grid of the user's scope. The address is required.</summary>
public static class CreateHousehold
{
    /// <summary>The API body and the page's form.</summary>
    public sealed class Request
    {
        public Guid? JurisdictionId { get; set; }

        public string? Address { get; set; }

        public string? Unit { get; set; }

        public string? Room { get; set; }

        public bool IsRental { get; set; }

        public string? LandlordName { get; set; }

        public string? LandlordPhone { get; set; }
    }

    public sealed record Created(Guid Id);

    public static RouteGroupBuilder MapCreateHousehold(this RouteGroupBuilder group)
    {
        group.MapPost("/", HandleAsync)
            .WithName("CreateHousehold")
            .WithSummary("登记住户（网格须在本人辖区内，地址必填）");
        return group;
    }

    public static async Task<Results<Created<Created>, ProblemHttpResult>> HandleAsync(
        Request request, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, request, ct);
        return result.Status == RegistryStatus.Ok
            ? TypedResults.Created($"/api/households/{result.Id}", new Created(result.Id!.Value))
            : result.ToProblem();
    }

    public static async Task<RegistryResult> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock,
        Request request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Jurisdiction? grid = null;
        if (request.JurisdictionId is not { } gridId)
        {
            errors.Add("JurisdictionId", "网格：请选择网格");
        }
        else
        {
            grid = await db.Jurisdictions.AsNoTracking().InScopeOf(me)
                .FirstOrDefaultAsync(j => j.Id == gridId && j.IsActive, ct);
            if (grid is null)
            {
                errors.Add("JurisdictionId", "网格：不存在或不在您的管辖范围内");
            }
            else if (grid.Level != JurisdictionLevel.Grid)
            {
                errors.Add("JurisdictionId", $"网格：“{grid.Name}”是{grid.Level.Label()}，请选择网格");
            }
            else if (!me.HoldsAt(grid.Path, RoleNames.RegistryEditors))
            {
                return RegistryResult.Forbidden("您的岗位无权在该网格登记住户");
            }
        }

        var address = request.Address?.Trim() ?? "";
        if (address.Length == 0)
        {
            errors.Add("Address", "地址：不能为空");
        }
        else if (address.Length > Household.AddressMaxLength)
        {
            errors.Add("Address", $"地址：不能超过 {Household.AddressMaxLength} 个字符");
        }

        var unit = Short(request.Unit, "Unit", "单元", errors);
        var room = Short(request.Room, "Room", "室（门牌号）", errors);
        string? landlordName = null;
        string? landlordPhone = null;
        if (request.IsRental)
        {
            landlordName = request.LandlordName?.Trim() is { Length: > 0 } n ? n : null;
            if (landlordName is { Length: > Person.NameMaxLength })
            {
                errors.Add("LandlordName", $"房东姓名：不能超过 {Person.NameMaxLength} 个字符");
            }

            landlordPhone = PersonInput.Phone(request.LandlordPhone, errors, "LandlordPhone", "房东电话");
        }

        if (errors.Any)
        {
            return RegistryResult.Invalid(errors);
        }

        var now = clock.UtcNow;
        var household = new Household
        {
            JurisdictionId = grid!.Id,
            Address = address,
            Unit = unit,
            Room = room,
            IsRental = request.IsRental,
            LandlordName = landlordName,
            LandlordPhone = landlordPhone,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Households.Add(household);
        await db.SaveChangesAsync(ct);
        return RegistryResult.Ok(household.Id);
    }

    private static string? Short(string? input, string field, string label, FieldErrors errors)
    {
        var text = input?.Trim();
        if (text is { Length: > Household.UnitMaxLength })
        {
            errors.Add(field, $"{label}：不能超过 {Household.UnitMaxLength} 个字符");
        }

        return string.IsNullOrEmpty(text) ? null : text;
    }
}
