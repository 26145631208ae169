using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Households;

/// <summary>
/// GET /api/persons/{id}: a person's details (ID number masked), groups (recorded and derived) and household history.
/// 404 outside scope. Past households outside the user's scope are listed without their address.
/// </summary>
public static class GetPerson
{
    public sealed record Stay(Guid? HouseholdId, string? Address, string? Relation, DateOnly From, DateOnly? To);

    public sealed record Response(Guid Id, string Name, string IdType, string IdTypeLabel, string? IdNumber,
        DateOnly? BirthDate, int? Age, string? Sex, string? SexLabel, string? Phone, string Residency,
        string ResidencyLabel, string? Workplace, string Status, string StatusLabel, Guid? HouseholdId,
        string? HouseholdAddress, Guid JurisdictionId, string JurisdictionName,
        IReadOnlyList<GetHousehold.Group> Groups, IReadOnlyList<Stay> History, bool CanEdit, bool CanViewIdNumber);

    public static RouteGroupBuilder MapGetPerson(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", HandleAsync)
            .WithName("GetPerson")
            .WithSummary("人员详情（证件号码脱敏、特殊群体、住户变动历史）");
        return group;
    }

    public static async Task<Results<Ok<Response>, NotFound>> HandleAsync(
        Guid id, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await LoadAsync(db, me, id, clock.Today, ct);
        return result is null ? TypedResults.NotFound() : TypedResults.Ok(result);
    }

    /// <summary>Shared with the pages. Null when the person does not exist or lies outside the user's scope.</summary>
    public static async Task<Response?> LoadAsync(AppDbContext db, CurrentUser me, Guid id, DateOnly today,
        CancellationToken ct)
    {
        var p = await db.Persons.AsNoTracking().InScopeOf(me)
            .Where(x => x.Id == id)
            .Select(x => new
            {
                x.Id,
                x.Name,
                x.IdType,
                x.IdNumber,
                x.BirthDate,
                x.Sex,
                x.Phone,
                x.Residency,
                x.Workplace,
                x.Status,
                x.HouseholdId,
                Address = x.Household != null ? x.Household.Address : null,
                Unit = x.Household != null ? x.Household.Unit : null,
                Room = x.Household != null ? x.Household.Room : null,
                x.JurisdictionId,
                JurisdictionName = x.Jurisdiction!.Name,
                x.Jurisdiction.Path,
                Groups = x.VulnerableGroups.Select(g => g.Group).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (p is null)
        {
            return null;
        }

        var stays = await db.HouseholdMemberships.AsNoTracking()
            .Where(m => m.PersonId == id)
            .OrderByDescending(m => m.From).ThenByDescending(m => m.Id)
            .Select(m => new { m.HouseholdId, m.Relation, m.From, m.To })
            .ToListAsync(ct);
        var householdIds = stays.Select(s => s.HouseholdId).Distinct().ToList();
        var visible = await db.Households.AsNoTracking().InScopeOf(me)
            .Where(h => householdIds.Contains(h.Id))
            .Select(h => new { h.Id, h.Address, h.Unit, h.Room })
            .ToDictionaryAsync(h => h.Id, ct);
        var history = stays
            .Select(s => visible.TryGetValue(s.HouseholdId, out var h)
                ? new Stay(h.Id, RegistryText.Address(h.Address, h.Unit, h.Room), s.Relation, s.From, s.To)
                : new Stay(null, null, s.Relation, s.From, s.To))
            .ToList();

        return new Response(p.Id, p.Name, p.IdType.ToString(), p.IdType.Label(),
            p.IdNumber is null ? null : IdNumbers.Mask(p.IdNumber), p.BirthDate,
            p.BirthDate is { } b ? VulnerableGroups.Age(b, today) : null, p.Sex?.ToString(), p.Sex?.Label(), p.Phone,
            p.Residency.ToString(), RegistryText.ResidencyLabel(p.Residency), p.Workplace, p.Status.ToString(),
            RegistryText.StatusLabel(p.Status), p.HouseholdId,
            p.HouseholdId is null ? null : RegistryText.Address(p.Address, p.Unit, p.Room), p.JurisdictionId,
            p.JurisdictionName, GetHousehold.GroupsOf(p.Groups, p.BirthDate, today), history,
            me.HoldsAt(p.Path, RoleNames.RegistryEditors), me.HoldsAt(p.Path, RoleNames.IdNumberViewers));
    }
}
