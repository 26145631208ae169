using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Quarantine.Sites;

/// <summary>
/// GET /api/quarantine-sites/{id}: one site with its activation clock and its bed board: every room with its state and
/// the people in it, and the counts of free, occupied and cleaning rooms. 404 outside scope.
/// </summary>
public static class GetSite
{
    public sealed record Occupant(Guid AssignmentId, Guid PersonId, string Name, DateTime CheckedInAt);

    public sealed record Room(Guid Id, string Code, int Capacity, RoomStatus Status, string StatusLabel,
        IReadOnlyList<Occupant> Occupants);

    public sealed record Counts(int Rooms, int Free, int Occupied, int Cleaning, int Beds, int People);

    public sealed record Response(Guid Id, string Name, string Address, Guid JurisdictionId, string NodeName,
        string ResponsibleName, string? ResponsiblePhone, SiteStatus Status, string StatusLabel,
        DateTime? ActivationStartedAt, DateTime? ActivatedAt, ActivationClock? Activation, Counts Counts,
        IReadOnlyList<Room> Rooms, bool CanManage, DateTime UpdatedAt);

    public static RouteGroupBuilder MapGetSite(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", HandleAsync)
            .WithName("GetQuarantineSite")
            .WithSummary("隔离点详情与床位看板（状态、启用倒计时或超时警告、各房间状态与在住人员、数量）");
        return group;
    }

    public static async Task<Results<Ok<Response>, NotFound>> HandleAsync(Guid id, AppDbContext db, CurrentUser me,
        CountyClock clock, CancellationToken ct)
    {
        var result = await LoadAsync(db, me, clock, id, ct);
        return result is null ? TypedResults.NotFound() : TypedResults.Ok(result);
    }

    /// <summary>Shared with the pages. Null when the site does not exist or lies outside the user's scope.</summary>
    public static async Task<Response?> LoadAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid id,
        CancellationToken ct)
    {
        var s = await db.QuarantineSites.AsNoTracking().InScopeOf(me)
            .Where(x => x.Id == id)
            .Select(x => new
            {
                x.Id,
                x.Name,
                x.Address,
                x.JurisdictionId,
                NodeName = x.Jurisdiction!.Name,
                x.Jurisdiction.Path,
                x.ResponsibleName,
                x.ResponsiblePhone,
                x.Status,
                x.ActivationStartedAt,
                x.ActivatedAt,
                x.UpdatedAt,
            })
            .FirstOrDefaultAsync(ct);
        if (s is null)
        {
            return null;
        }

        var rooms = await db.QuarantineRooms.AsNoTracking().Where(r => r.SiteId == id)
            .Select(r => new { r.Id, r.Code, r.Capacity, r.Status })
            .ToListAsync(ct);
        var occupants = await db.RoomAssignments.AsNoTracking()
            .Where(a => a.SiteId == id && a.CheckedOutAt == null)
            .OrderBy(a => a.CheckedInAt)
            .Select(a => new { a.RoomId, a.Id, a.PersonId, a.Person!.Name, a.CheckedInAt })
            .ToListAsync(ct);
        var byRoom = occupants.ToLookup(o => o.RoomId);
        var roomRows = rooms
            .OrderBy(r => r.Code.Length).ThenBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => new Room(r.Id, r.Code, r.Capacity, r.Status, r.Status.Label(),
                byRoom[r.Id].Select(o => new Occupant(o.Id, o.PersonId, o.Name, o.CheckedInAt)).ToList()))
            .ToList();
        var counts = new Counts(rooms.Count, rooms.Count(r => r.Status == RoomStatus.Free),
            rooms.Count(r => r.Status == RoomStatus.Occupied), rooms.Count(r => r.Status == RoomStatus.Cleaning),
            rooms.Sum(r => r.Capacity), occupants.Count);
        return new Response(s.Id, s.Name, s.Address, s.JurisdictionId, s.NodeName, s.ResponsibleName, s.ResponsiblePhone,
            s.Status, s.Status.Label(), s.ActivationStartedAt, s.ActivatedAt,
            SiteRules.Clock(s.Status, s.ActivationStartedAt, clock.UtcNow), counts, roomRows,
            me.HoldsAt(s.Path, SiteRules.Managers), s.UpdatedAt);
    }
}
