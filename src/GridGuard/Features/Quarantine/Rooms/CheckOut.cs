using GridGuard.Features.Households;
using GridGuard.Features.Quarantine.Sites;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Quarantine.Rooms;

/// <summary>
/// POST /api/quarantine-sites/{id}/assignments/{assignmentId}/check-out: the person leaves the room (退房); the room goes
/// to cleaning (待消杀) once nobody is left in it. Audited like the placement.
/// </summary>
public static class CheckOut
{
    public static RouteGroupBuilder MapCheckOut(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/assignments/{assignmentId:guid}/check-out", HandleAsync)
            .WithName("CheckOutOfQuarantineRoom")
            .WithSummary("办理退房（房间无人后转为待消杀）");
        return group;
    }

    public static async Task<Results<Ok<GetSite.Response>, NotFound, ProblemHttpResult>> HandleAsync(Guid id,
        Guid assignmentId, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, id, assignmentId, ct);
        return result.Status switch
        {
            RegistryStatus.Ok => TypedResults.Ok((await GetSite.LoadAsync(db, me, clock, id, ct))!),
            RegistryStatus.NotFound => TypedResults.NotFound(),
            _ => result.ToProblem(),
        };
    }

    public static async Task<RegistryResult> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid siteId,
        Guid assignmentId, CancellationToken ct)
    {
        var site = await db.QuarantineSites.InScopeOf(me).Include(s => s.Jurisdiction).FirstOrDefaultAsync(s => s.Id == siteId, ct);
        var assignment = site is null
            ? null
            : await db.RoomAssignments.FirstOrDefaultAsync(a => a.Id == assignmentId && a.SiteId == siteId, ct);
        if (site is null || assignment is null)
        {
            return RegistryResult.NotFound();
        }

        if (!me.HoldsAt(site.Jurisdiction!.Path, SiteRules.Managers))
        {
            return RegistryResult.Forbidden("您的岗位无权办理该隔离点的退房");
        }

        if (assignment.CheckedOutAt is not null)
        {
            return RegistryResult.Invalid("AssignmentId", "入住记录：已办理过退房");
        }

        var now = clock.UtcNow;
        assignment.CheckedOutAt = now;
        assignment.CheckedOutById = me.UserId;
        var room = await db.QuarantineRooms.FirstAsync(r => r.Id == assignment.RoomId, ct);
        var othersLeft = await db.RoomAssignments.AnyAsync(
            a => a.RoomId == room.Id && a.CheckedOutAt == null && a.Id != assignment.Id, ct);
        if (!othersLeft)
        {
            room.Status = RoomStatus.Cleaning;
            room.UpdatedAt = now;
        }

        await db.SaveChangesAsync(ct);
        return RegistryResult.Ok(assignment.Id);
    }
}
