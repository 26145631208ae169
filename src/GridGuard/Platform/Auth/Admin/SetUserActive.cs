using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace GridGuard.Platform.Auth.Admin;

/// <summary>
/// POST /api/admin/users/{id}/deactivate and /reactivate. A deactivated user cannot sign in, and their open
/// sessions and tokens stop working at the next request (see <see cref="CurrentUserMiddleware"/>).
/// </summary>
public static class SetUserActive
{
    public static RouteGroupBuilder MapSetUserActive(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/deactivate", (Guid id, AppDbContext db, CurrentUser me, UserManager<AppUser> users, CancellationToken ct) =>
                HandleAsync(id, false, db, me, users, ct))
            .WithName("DeactivateUser").WithSummary("停用用户");
        group.MapPost("/{id:guid}/reactivate", (Guid id, AppDbContext db, CurrentUser me, UserManager<AppUser> users, CancellationToken ct) =>
                HandleAsync(id, true, db, me, users, ct))
            .WithName("ReactivateUser").WithSummary("重新启用用户");
        return group;
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem>> HandleAsync(
        Guid id, bool active, AppDbContext db, CurrentUser me, UserManager<AppUser> users, CancellationToken ct) =>
        (await RunAsync(db, me, users, id, active, ct)).ToResult();

    /// <summary>Shared with the page.</summary>
    public static async Task<AdminOutcome> RunAsync(
        AppDbContext db, CurrentUser me, UserManager<AppUser> users, Guid id, bool active, CancellationToken ct)
    {
        var user = await AdminUsers.FindVisibleAsync(db, me, id, ct);
        if (user is null)
        {
            return AdminOutcome.NotFound;
        }

        if (!active && user.Id == me.UserId)
        {
            return AdminOutcome.Invalid(nameof(AppUser.IsActive), "账户状态：不能停用自己的账户");
        }

        if (user.IsActive == active)
        {
            return AdminOutcome.Ok(user.Id);
        }

        user.IsActive = active;
        // A new security stamp also ends cookie sessions that the per-request check would otherwise still accept.
        var result = active ? await users.UpdateAsync(user) : await users.UpdateSecurityStampAsync(user);
        return result.Succeeded
            ? AdminOutcome.Ok(user.Id)
            : AdminOutcome.Invalid(nameof(AppUser.IsActive), "账户状态：" + string.Join("；", result.Errors.Select(e => e.Description)));
    }
}
