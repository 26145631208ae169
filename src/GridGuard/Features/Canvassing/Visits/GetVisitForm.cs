using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GridGuard.Features.Canvassing.Visits;

/// <summary>
/// GET /api/canvassing/households/{householdId}/visit-form: what a visitor needs to record a visit — the household,
/// its active members (identity numbers masked), and the current canvass. 404 outside scope.
/// </summary>
public static class GetVisitForm
{
    public sealed record MemberRow(Guid PersonId, string Name, string IdNumberMasked, string? Sex, int? Age, string? Relation);

    public sealed record CanvassRef(Guid Id, string Name, DateOnly StartsOn, DateOnly EndsOn, string RootName);

    public sealed record Response(Guid HouseholdId, string Address, Guid GridId, string GridName, bool CanVisit,
        CanvassRef? CurrentCanvass, int TravelHistoryDays, IReadOnlyList<MemberRow> Members);

    public static RouteGroupBuilder MapGetVisitForm(this RouteGroupBuilder group)
    {
        group.MapGet("/households/{householdId:guid}/visit-form", HandleAsync).WithName("GetVisitForm")
            .WithSummary("入户排查表单所需信息（户、在册成员、当前排查）");
        return group;
    }

    public static async Task<Results<Ok<Response>, NotFound>> HandleAsync(Guid householdId, AppDbContext db, CurrentUser me,
        CountyClock clock, IOptions<CanvassingOptions> options, CancellationToken ct)
    {
        var result = await LoadAsync(db, me, clock.Today, options.Value, householdId, ct);
        return result is null ? TypedResults.NotFound() : TypedResults.Ok(result);
    }

    /// <summary>Shared with the visit page; null when the household does not exist or lies outside the user's scope.</summary>
    public static async Task<Response?> LoadAsync(AppDbContext db, CurrentUser me, DateOnly today, CanvassingOptions options,
        Guid householdId, CancellationToken ct)
    {
        var h = await db.Households.AsNoTracking().InScopeOf(me)
            .Where(x => x.Id == householdId)
            .Select(x => new { x.Id, x.Address, x.Unit, x.Room, x.JurisdictionId, GridName = x.Jurisdiction!.Name, x.Jurisdiction.Path })
            .FirstOrDefaultAsync(ct);
        if (h is null)
        {
            return null;
        }

        var members = await db.Persons.AsNoTracking()
            .Where(p => p.HouseholdId == h.Id && p.Status == PersonStatus.Active)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.IdNumber,
                p.Sex,
                p.BirthDate,
                Relation = db.HouseholdMemberships
                    .Where(m => m.PersonId == p.Id && m.HouseholdId == h.Id && m.To == null)
                    .Select(m => m.Relation).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var canvass = await Canvasses.CurrentForAsync(db, h.Path, today, ct);
        return new Response(h.Id, AddressText(h.Address, h.Unit, h.Room), h.JurisdictionId, h.GridName,
            me.HoldsAt(h.Path, RoleNames.Visitors),
            canvass is null ? null : new CanvassRef(canvass.Id, canvass.Name, canvass.StartsOn, canvass.EndsOn, canvass.RootName),
            options.TravelHistoryDays,
            members.Select(m => new MemberRow(m.Id, m.Name, IdNumbers.Mask(m.IdNumber), m.Sex?.Label(),
                m.BirthDate is { } b ? VulnerableGroups.Age(b, today) : null, m.Relation)).ToList());
    }

    /// <summary>"和平路 12 号 2 单元 301 室" from the free text, unit and room; "（无地址）" when all are empty.</summary>
    public static string AddressText(string? address, string? unit, string? room)
    {
        static string? With(string? part, string suffix) =>
            string.IsNullOrWhiteSpace(part) ? null : part.EndsWith(suffix, StringComparison.Ordinal) ? part : part + suffix;
        var parts = new[] { address, With(unit, "单元"), With(room, "室") }
            .Where(p => !string.IsNullOrWhiteSpace(p));
        var text = string.Join(" ", parts);
        return text.Length == 0 ? "（无地址）" : text;
    }
}
