using GridGuard.Features.Jurisdictions;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Households;

/// <summary>
/// GET /api/households/{id}: one household with its place in the tree (village › compound › building › grid),
/// steward, landlord and members (masked ID, age, sex, residency, recorded and derived groups). 404 outside scope.
/// </summary>
public static class GetHousehold
{
    public sealed record Place(Guid Id, string Name, string Level, string LevelLabel);

    public sealed record Group(string Code, string Label, bool Derived);

    public sealed record Member(Guid Id, string Name, string? Relation, bool IsHead, string IdType, string IdTypeLabel,
        string? IdNumber, string? Sex, string? SexLabel, int? Age, string? Phone, string Residency,
        string ResidencyLabel, string Status, string StatusLabel, IReadOnlyList<Group> Groups);

    public sealed record StewardInfo(Guid Id, string Name, string? Phone);

    public sealed record Response(Guid Id, Guid JurisdictionId, IReadOnlyList<Place> Places, string Address,
        string? AddressText, string? Unit, string? Room, bool IsRental, string? LandlordName, string? LandlordPhone,
        StewardInfo? Steward, Guid? HeadId, IReadOnlyList<Member> Members, bool CanEdit, bool CanViewIdNumbers, bool CanVisit);

    public static RouteGroupBuilder MapGetHousehold(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", HandleAsync)
            .WithName("GetHousehold")
            .WithSummary("住户详情（地址、包户责任人、房东、成员；证件号码脱敏）");
        return group;
    }

    public static async Task<Results<Ok<Response>, NotFound>> HandleAsync(
        Guid id, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await LoadAsync(db, me, id, clock.Today, ct);
        return result is null ? TypedResults.NotFound() : TypedResults.Ok(result);
    }

    /// <summary>Shared with the page. Null when the household does not exist or lies outside the user's scope.</summary>
    public static async Task<Response?> LoadAsync(AppDbContext db, CurrentUser me, Guid id, DateOnly today,
        CancellationToken ct)
    {
        var h = await db.Households.AsNoTracking().InScopeOf(me)
            .Where(x => x.Id == id)
            .Select(x => new
            {
                x.Id,
                x.JurisdictionId,
                x.Jurisdiction!.Path,
                x.Address,
                x.Unit,
                x.Room,
                x.IsRental,
                x.LandlordName,
                x.LandlordPhone,
                x.HeadId,
                x.StewardId,
                StewardName = x.Steward != null ? x.Steward.DisplayName : null,
                StewardPhone = x.Steward != null ? x.Steward.PhoneNumber : null,
            })
            .FirstOrDefaultAsync(ct);
        if (h is null)
        {
            return null;
        }

        var places = await PlacesAsync(db, h.Path, ct);
        var relations = await db.HouseholdMemberships.AsNoTracking()
            .Where(m => m.HouseholdId == id && m.To == null)
            .Select(m => new { m.PersonId, m.Relation })
            .ToListAsync(ct);
        var rows = await db.Persons.AsNoTracking().InScopeOf(me)
            .Where(p => p.HouseholdId == id)
            .OrderBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.IdType,
                p.IdNumber,
                p.Sex,
                p.BirthDate,
                p.Phone,
                p.Residency,
                p.Status,
                Groups = p.VulnerableGroups.Select(g => g.Group).ToList(),
            })
            .ToListAsync(ct);

        var members = rows
            .Select(p => new Member(p.Id, p.Name, relations.FirstOrDefault(r => r.PersonId == p.Id)?.Relation,
                p.Id == h.HeadId, p.IdType.ToString(), p.IdType.Label(),
                p.IdNumber is null ? null : IdNumbers.Mask(p.IdNumber), p.Sex?.ToString(), p.Sex?.Label(),
                p.BirthDate is { } b ? VulnerableGroups.Age(b, today) : null, p.Phone, p.Residency.ToString(),
                RegistryText.ResidencyLabel(p.Residency), p.Status.ToString(), RegistryText.StatusLabel(p.Status),
                GroupsOf(p.Groups, p.BirthDate, today)))
            .OrderByDescending(m => m.IsHead)
            .ToList();

        return new Response(h.Id, h.JurisdictionId, places, RegistryText.Address(h.Address, h.Unit, h.Room), h.Address,
            h.Unit, h.Room, h.IsRental, h.LandlordName, h.LandlordPhone,
            h.StewardId is { } sid ? new StewardInfo(sid, h.StewardName ?? "", h.StewardPhone) : null,
            h.HeadId, members, me.HoldsAt(h.Path, RoleNames.RegistryEditors), me.HoldsAt(h.Path, RoleNames.IdNumberViewers),
            me.HoldsAt(h.Path, RoleNames.Visitors));
    }

    /// <summary>The household's place from the village down to its grid (the county and township are left out).</summary>
    public static async Task<IReadOnlyList<Place>> PlacesAsync(AppDbContext db, string path, CancellationToken ct)
    {
        var codes = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var nodes = await db.Jurisdictions.AsNoTracking()
            .Where(j => codes.Contains(j.Code))
            .OrderBy(j => j.Depth)
            .Select(j => new { j.Id, j.Name, j.Level })
            .ToListAsync(ct);

        // Levels are stored as strings, so "village and below" is decided here rather than in SQL.
        return nodes.Where(n => n.Level >= JurisdictionLevel.Village).Select(n => new Place(n.Id, n.Name, n.Level.ToString(), n.Level.Label())).ToList();
    }

    /// <summary>Recorded groups, then the age groups derived from the birth date as of today.</summary>
    public static IReadOnlyList<Group> GroupsOf(IEnumerable<VulnerableGroup> recorded, DateOnly? birth, DateOnly today) =>
        recorded.Order().Select(g => new Group(g.ToString(), g.Label(), false))
            .Concat(VulnerableGroups.DerivedFrom(birth, today).Select(g => new Group(g.ToString(), g.Label(), true)))
            .ToList();
}
