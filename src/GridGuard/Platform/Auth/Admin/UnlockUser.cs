using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace GridGuard.Platform.Auth.Admin;

/// <summary>POST /api/admin/users/{id}/unlock: ends a lockout after repeated failed logins and resets the counter.</summary>
public static class UnlockUser
{
    public static RouteGroupBuilder MapUnlockUser(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/unlock", HandleAsync).WithName("UnlockUser").WithSummary("解除登录锁定");
        return group;
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem>> HandleAsync(
        Guid id, AppDbContext db, CurrentUser me, UserManager<AppUser> users, CancellationToken ct) =>
        (await RunAsync(db, me, users, id, ct)).ToResult();

    /// <summary>Shared with the page.</summary>
    public static async Task<AdminOutcome> RunAsync(
        AppDbContext db, CurrentUser me, UserManager<AppUser> users, Guid id, CancellationToken ct)
    {
        var user = await AdminUsers.FindVisibleAsync(db, me, id, ct);
        if (user is null)
        {
            return AdminOutcome.NotFound;
        }

        var result = await users.SetLockoutEndDateAsync(user, null);
        if (result.Succeeded)
        {
            result = await users.ResetAccessFailedCountAsync(user);
        }

        return result.Succeeded
            ? AdminOutcome.Ok(user.Id)
            : AdminOutcome.Invalid("Lockout", "锁定状态：" + string.Join("；", result.Errors.Select(e => e.Description)));
    }
}
