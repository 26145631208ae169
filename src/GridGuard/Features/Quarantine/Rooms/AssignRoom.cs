using GridGuard.Features.ControlPlans;
using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Quarantine.Rooms;

/// <summary>The API body and the page's form of placing a person.</summary>
public sealed class AssignRoomForm
{
    public Guid? RoomId { get; set; }

    public Guid? PersonId { get; set; }
}

/// <summary>
/// POST /api/quarantine-sites/{id}/assignments: places a person in a room (入住). The site must be Active; the person in
/// the user's scope, under an Active control plan and not placed anywhere now; the room not being cleaned and not full.
/// The placement and the room's new state are audited (under the person's and the site's nodes). Two placements
/// racing for the last bed: the room's <see cref="QuarantineRoom.Version"/> lets one save; the other reads the room
/// again and is refused as full.
/// </summary>
public static class AssignRoom
{
    public sealed record Placed(Guid AssignmentId);

    public static RouteGroupBuilder MapAssignRoom(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/assignments", HandleAsync)
            .WithName("AssignQuarantineRoom")
            .WithSummary("安排人员入住房间（隔离点须已启用；人员须在管控计划中且未在别处入住；房间不得超员或待消杀）");
        return group;
    }

    public static async Task<Results<Created<Placed>, NotFound, ProblemHttpResult>> HandleAsync(Guid id,
        AssignRoomForm request, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, id, request, ct);
        return result.Status switch
        {
            RegistryStatus.Ok => TypedResults.Created($"/api/quarantine-sites/{id}", new Placed(result.Id!.Value)),
            RegistryStatus.NotFound => TypedResults.NotFound(),
            _ => result.ToProblem(),
        };
    }

    /// <summary>How often a placement that lost a race for the room is tried again on fresh data.</summary>
    private const int Attempts = 3;

    public static async Task<RegistryResult> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid siteId,
        AssignRoomForm form, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryAsync(db, me, clock, siteId, form, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                // Another placement changed the room since it was read: read it again (it may be full now).
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return RegistryResult.Invalid("RoomId", "房间：正在被其他人安排入住，请刷新后重试");
            }
        }
    }

    private static async Task<RegistryResult> TryAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid siteId,
        AssignRoomForm form, CancellationToken ct)
    {
        var site = await db.QuarantineSites.InScopeOf(me).Include(s => s.Jurisdiction).FirstOrDefaultAsync(s => s.Id == siteId, ct);
        if (site is null)
        {
            return RegistryResult.NotFound();
        }

        if (!me.HoldsAt(site.Jurisdiction!.Path, SiteRules.Managers))
        {
            return RegistryResult.Forbidden("您的岗位无权安排该隔离点的入住");
        }

        var errors = new FieldErrors();
        if (site.Status != SiteStatus.Active)
        {
            errors.Add("SiteId", $"隔离点：“{site.Name}”当前为“{site.Status.Label()}”，启用后才能安排入住");
        }

        QuarantineRoom? room = null;
        if (form.RoomId is not { } roomId)
        {
            errors.Add("RoomId", "房间：请选择房间");
        }
        else if ((room = await db.QuarantineRooms.FirstOrDefaultAsync(r => r.Id == roomId && r.SiteId == siteId, ct)) is null)
        {
            errors.Add("RoomId", "房间：不属于该隔离点");
        }
        else if (room.Status == RoomStatus.Cleaning)
        {
            errors.Add("RoomId", $"房间：{room.Code} 待消杀，消杀完成后才能入住");
        }
        else if (await db.RoomAssignments.CountAsync(a => a.RoomId == roomId && a.CheckedOutAt == null, ct) is var n
                 && n >= room.Capacity)
        {
            errors.Add("RoomId", room.Capacity == 1
                ? $"房间：{room.Code} 已有人入住（一人一间，容量 1 人）"
                : $"房间：{room.Code} 已满（容量 {room.Capacity} 人，已住 {n} 人）");
        }

        var (person, planId) = await PersonAsync(db, me, form.PersonId, errors, ct);
        if (errors.Any)
        {
            return RegistryResult.Invalid(errors);
        }

        var now = clock.UtcNow;
        var assignment = new RoomAssignment
        {
            SiteId = siteId,
            RoomId = room!.Id,
            PersonId = person!.Id,
            ControlPlanId = planId!.Value,
            JurisdictionId = person.JurisdictionId,
            CheckedInAt = now,
            AssignedById = me.UserId,
        };
        db.RoomAssignments.Add(assignment);
        room.Status = RoomStatus.Occupied;
        room.UpdatedAt = now;
        room.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // Lost a race: the person was placed by another request meanwhile (the open-placement index kept one).
            return RegistryResult.Invalid("PersonId", $"人员：{person.Name} 已在其他房间入住");
        }

        return RegistryResult.Ok(assignment.Id);
    }

    private static async Task<(Person? Person, Guid? PlanId)> PersonAsync(AppDbContext db, CurrentUser me, Guid? personId,
        FieldErrors errors, CancellationToken ct)
    {
        if (personId is not { } id)
        {
            errors.Add("PersonId", "人员：请选择人员");
            return (null, null);
        }

        var person = await db.Persons.AsNoTracking().InScopeOf(me).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            errors.Add("PersonId", "人员：不存在或不在您的管辖范围内");
            return (null, null);
        }

        var planId = await db.ControlPlans.AsNoTracking()
            .Where(p => p.PersonId == id && p.Status == PlanStatus.Active)
            .OrderByDescending(p => p.CreatedAt).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        if (planId is null)
        {
            errors.Add("PersonId", $"人员：{person.Name} 没有生效中的管控计划，不能安排集中隔离");
        }

        var open = await db.RoomAssignments.AsNoTracking()
            .Where(a => a.PersonId == id && a.CheckedOutAt == null)
            .Join(db.QuarantineSites, a => a.SiteId, s => s.Id, (a, s) => new { SiteName = s.Name, a.RoomId })
            .Join(db.QuarantineRooms, x => x.RoomId, r => r.Id, (x, r) => new { x.SiteName, r.Code })
            .FirstOrDefaultAsync(ct);
        if (open is not null)
        {
            errors.Add("PersonId", $"人员：{person.Name} 已在隔离点“{open.SiteName}”{open.Code} 房间入住，请先办理退房");
        }

        return (person, planId);
    }
}
