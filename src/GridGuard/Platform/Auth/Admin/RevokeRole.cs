using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Platform.Auth.Admin;

/// <summary>DELETE /api/admin/users/{id}/roles/{roleId}: withdraws one grant at a node inside the admin's domain.</summary>
public static class RevokeRole
{
    public static RouteGroupBuilder MapRevokeRole(this RouteGroupBuilder group)
    {
        group.MapDelete("/{id:guid}/roles/{roleId:guid}", HandleAsync).WithName("RevokeRole").WithSummary("撤销岗位");
        return group;
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem>> HandleAsync(
        Guid id, Guid roleId, AppDbContext db, CurrentUser me, CancellationToken ct) =>
        (await RunAsync(db, me, id, roleId, ct)).ToResult();

    /// <summary>Shared with the page.</summary>
    public static async Task<AdminOutcome> RunAsync(AppDbContext db, CurrentUser me, Guid userId, Guid roleId, CancellationToken ct)
    {
        var assignment = await db.RoleAssignments.InScopeOf(me, Role.Admin)
            .FirstOrDefaultAsync(r => r.Id == roleId && r.UserId == userId, ct);
        if (assignment is null)
        {
            return AdminOutcome.NotFound;
        }

        if (assignment.UserId == me.UserId && assignment.Role == Role.Admin)
        {
            return AdminOutcome.Invalid("Role", "岗位：不能撤销自己的系统管理员岗位，请由其他管理员操作");
        }

        db.RoleAssignments.Remove(assignment);
        await db.SaveChangesAsync(ct);
        return AdminOutcome.Ok(assignment.Id);
    }
}
