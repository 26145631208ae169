using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Quarantine.Rooms;

/// <summary>The API body and the page's form of adding rooms.</summary>
public sealed class AddRoomsForm
{
    /// <summary>One code ("101"), a range ("101-120") or a list ("101,102,201-210").</summary>
    public string? Codes { get; set; }

    /// <summary>Places per room, 1 to 20; empty means 1 ("一人一间").</summary>
    public int? Capacity { get; set; }
}

/// <summary>
/// POST /api/quarantine-sites/{id}/rooms: adds one room or a range of rooms (up to 200 at once), all free. A code already
/// used in the site refuses the whole request, naming the codes; nothing is half-written.
/// </summary>
public static class AddRooms
{
    public sealed record Added(IReadOnlyList<Guid> Ids, IReadOnlyList<string> Codes);

    public static RouteGroupBuilder MapAddRooms(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/rooms", HandleAsync)
            .WithName("AddQuarantineRooms")
            .WithSummary("添加房间（单个如 101，或一段如 101-120；容量默认 1，即一人一间）");
        return group;
    }

    public static async Task<Results<Created<Added>, NotFound, ProblemHttpResult>> HandleAsync(Guid id,
        AddRoomsForm request, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var (result, added) = await ExecuteAsync(db, me, clock, id, request, ct);
        return result.Status switch
        {
            RegistryStatus.Ok => TypedResults.Created($"/api/quarantine-sites/{id}", added!),
            RegistryStatus.NotFound => TypedResults.NotFound(),
            _ => result.ToProblem(),
        };
    }

    public static async Task<(RegistryResult Result, Added? Added)> ExecuteAsync(AppDbContext db, CurrentUser me,
        CountyClock clock, Guid siteId, AddRoomsForm form, CancellationToken ct)
    {
        // Tracked: the rooms' audit lines are filed under the site's node.
        var site = await db.QuarantineSites.InScopeOf(me).Include(s => s.Jurisdiction).FirstOrDefaultAsync(s => s.Id == siteId, ct);
        if (site is null)
        {
            return (RegistryResult.NotFound(), null);
        }

        if (!me.HoldsAt(site.Jurisdiction!.Path, SiteRules.Managers))
        {
            return (RegistryResult.Forbidden("您的岗位无权为该隔离点添加房间"), null);
        }

        var errors = new FieldErrors();
        var (codes, codeError) = SiteRules.ParseRoomCodes(form.Codes);
        if (codeError is not null)
        {
            errors.Add("Codes", codeError);
        }

        var capacity = form.Capacity ?? 1;
        if (capacity is < 1 or > QuarantineRoom.MaxCapacity)
        {
            errors.Add("Capacity", $"容量：应为 1 到 {QuarantineRoom.MaxCapacity} 人（一人一间填 1）");
        }

        if (codes.Count > 0)
        {
            var taken = await db.QuarantineRooms.AsNoTracking()
                .Where(r => r.SiteId == siteId && codes.Contains(r.Code)).Select(r => r.Code).ToListAsync(ct);
            if (taken.Count > 0)
            {
                errors.Add("Codes", Duplicate(site.Name, taken));
            }
        }

        if (errors.Any)
        {
            return (RegistryResult.Invalid(errors), null);
        }

        var now = clock.UtcNow;
        var rooms = codes.Select(c => new QuarantineRoom
        {
            SiteId = siteId,
            Code = c,
            Capacity = capacity,
            Status = RoomStatus.Free,
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();
        db.QuarantineRooms.AddRange(rooms);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Lost a race with another request adding the same codes: the unique index kept one of each.
            return (RegistryResult.Invalid("Codes", Duplicate(site.Name, codes)), null);
        }

        return (RegistryResult.Ok(siteId), new Added(rooms.Select(r => r.Id).ToList(), codes));
    }

    private static string Duplicate(string siteName, IEnumerable<string> codes)
    {
        var list = codes.Order(StringComparer.Ordinal).ToList();
        var shown = string.Join("、", list.Take(10)) + (list.Count > 10 ? $" 等 {list.Count} 间" : "");
        return $"房间号：隔离点“{siteName}”已有房间 {shown}";
    }
}
