using GridGuard.Features.Quarantine;
using GridGuard.Features.Quarantine.Rooms;
using GridGuard.Features.Quarantine.Sites;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Demo;

/// <summary>
/// The demo county's quarantine site through the real use cases: registered at the county, rooms 101–120 (一人一间),
/// activated (Standby → Activating → Active), and up to <see cref="MaxPlacements"/> persons under central quarantine
/// placed in the first rooms. Part of <see cref="DemoControl"/>, inside its transaction.
/// </summary>
public sealed class DemoQuarantine(AppDbContext db, CountyClock clock)
{
    public const string SiteName = "县城集中隔离点（演示）";
    public const int MaxPlacements = 4;

    /// <summary>Returns how many persons were placed.</summary>
    public async Task<int> RunAsync(CurrentUser me, Guid countyId, IEnumerable<Guid> centralPersons, CancellationToken ct)
    {
        var registered = await RegisterSite.ExecuteAsync(db, me, clock, new SiteForm
        {
            JurisdictionId = countyId,
            Name = SiteName,
            Address = "桂山街道 振兴路 18 号",
            ResponsibleName = "杨建国",
            ResponsiblePhone = "13887700018",
        }, ct);
        var siteId = Ok(registered, "register");
        Ok((await AddRooms.ExecuteAsync(db, me, clock, siteId, new AddRoomsForm { Codes = "101-120", Capacity = 1 }, ct)).Result, "add rooms");
        Ok(await ChangeSiteStatus.ExecuteAsync(db, me, clock, siteId, nameof(SiteStatus.Activating), ct), "activating");
        Ok(await ChangeSiteStatus.ExecuteAsync(db, me, clock, siteId, nameof(SiteStatus.Active), ct), "active");

        var rooms = await db.QuarantineRooms.AsNoTracking().Where(r => r.SiteId == siteId).OrderBy(r => r.Code).Select(r => r.Id).ToListAsync(ct);
        var placed = 0;
        foreach (var personId in centralPersons.Take(Math.Min(MaxPlacements, rooms.Count)))
        {
            Ok(await AssignRoom.ExecuteAsync(db, me, clock, siteId, new AssignRoomForm { RoomId = rooms[placed], PersonId = personId }, ct), "assign");
            placed++;
        }

        return placed;
    }

    private static Guid Ok(Households.RegistryResult result, string step) =>
        result.Status == Households.RegistryStatus.Ok
            ? result.Id ?? Guid.Empty
            : throw new InvalidOperationException($"Demo quarantine site: {step} failed ({result.Status})");
}
