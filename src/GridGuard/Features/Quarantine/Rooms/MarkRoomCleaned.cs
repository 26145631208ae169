using GridGuard.Features.Households;
using GridGuard.Features.Quarantine.Sites;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Quarantine.Rooms;

/// <summary>POST /api/quarantine-sites/{id}/rooms/{roomId}/cleaned: a room waiting for cleaning (待消杀) is free again.</summary>
public static class MarkRoomCleaned
{
    public static RouteGroupBuilder MapMarkRoomCleaned(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/rooms/{roomId:guid}/cleaned", HandleAsync)
            .WithName("MarkQuarantineRoomCleaned")
            .WithSummary("房间消杀完成（待消杀 → 空闲）");
        return group;
    }

    public static async Task<Results<Ok<GetSite.Response>, NotFound, ProblemHttpResult>> HandleAsync(Guid id, Guid roomId,
        AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, id, roomId, ct);
        return result.Status switch
        {
            RegistryStatus.Ok => TypedResults.Ok((await GetSite.LoadAsync(db, me, clock, id, ct))!),
            RegistryStatus.NotFound => TypedResults.NotFound(),
            _ => result.ToProblem(),
        };
    }

    public static async Task<RegistryResult> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid siteId,
        Guid roomId, CancellationToken ct)
    {
        var site = await db.QuarantineSites.InScopeOf(me).Include(s => s.Jurisdiction).FirstOrDefaultAsync(s => s.Id == siteId, ct);
        var room = site is null ? null : await db.QuarantineRooms.FirstOrDefaultAsync(r => r.Id == roomId && r.SiteId == siteId, ct);
        if (site is null || room is null)
        {
            return RegistryResult.NotFound();
        }

        if (!me.HoldsAt(site.Jurisdiction!.Path, SiteRules.Managers))
        {
            return RegistryResult.Forbidden("您的岗位无权变更该隔离点的房间");
        }

        if (room.Status != RoomStatus.Cleaning)
        {
            return RegistryResult.Invalid("RoomId", $"房间：{room.Code} 当前为“{room.Status.Label()}”，不是待消杀");
        }

        room.Status = RoomStatus.Free;
        room.UpdatedAt = clock.UtcNow;
        await db.SaveChangesAsync(ct);
        return RegistryResult.Ok(room.Id);
    }
}
