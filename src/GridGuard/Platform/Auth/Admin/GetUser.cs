using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Platform.Auth.Admin;

/// <summary>GET /api/admin/users/{id}: one user with their grants inside the admin's domain. 404 outside it.</summary>
public static class GetUser
{
    public sealed record Response(Guid Id, string UserName, string DisplayName, string? PhoneNumber, bool IsActive,
        bool IsLockedOut, DateTime? LockedOutUntil, DateTime CreatedAt, IReadOnlyList<ListUsers.GrantDto> Grants,
        int GrantsElsewhere);

    public static RouteGroupBuilder MapGetUser(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", HandleAsync).WithName("GetUser").WithSummary("用户详情及其岗位");
        return group;
    }

    public static async Task<Results<Ok<Response>, NotFound>> HandleAsync(
        Guid id, AppDbContext db, CurrentUser me, UserManager<AppUser> users, CancellationToken ct) =>
        await LoadAsync(db, me, users, id, ct) is { } user ? TypedResults.Ok(user) : TypedResults.NotFound();

    /// <summary>Shared with the page.</summary>
    public static async Task<Response?> LoadAsync(
        AppDbContext db, CurrentUser me, UserManager<AppUser> users, Guid id, CancellationToken ct)
    {
        var user = await AdminUsers.FindVisibleAsync(db, me, id, ct);
        if (user is null)
        {
            return null;
        }

        var grants = (await ListUsers.GrantsAsync(db, me, [id], ct)).Select(g => g.Grant).ToList();
        var all = await db.RoleAssignments.CountAsync(r => r.UserId == id, ct);
        // Identity decides lockout on its own clock; ask it rather than compare here.
        var locked = await users.IsLockedOutAsync(user);
        return new Response(user.Id, user.UserName ?? "", user.DisplayName, user.PhoneNumber, user.IsActive,
            locked, locked ? user.LockoutEnd?.UtcDateTime : null, user.CreatedAt, grants, all - grants.Count);
    }
}
