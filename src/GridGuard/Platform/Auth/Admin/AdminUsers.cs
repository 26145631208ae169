using GridGuard.Platform.Audit;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Platform.Auth.Admin;

/// <summary>
/// User administration: /api/admin/users (and the pages under /admin/users) for holders of <see cref="Role.Admin"/>.
/// <para>
/// An admin's domain is the union of the subtrees where they hold <see cref="Role.Admin"/>. They see and manage
/// a user when the user holds at least one role at a node in that domain, or holds no role at all and either was
/// created by this admin (per the audit log) or the admin holds Admin at a root of the tree. Anyone else is absent
/// (404). An admin grants and revokes roles only at nodes inside their domain, and sees only those grants.
/// </para>
/// </summary>
public static class AdminUsers
{
    public const int PageSize = 20;

    public static WebApplication MapAdminUsers(this WebApplication app)
    {
        var group = app.MapGroup("/api/admin/users").WithTags("用户管理").RequireAuthorization(Policies.Admin);
        group.MapListUsers();
        group.MapGetUser();
        group.MapCreateUser();
        group.MapAssignRole();
        group.MapRevokeRole();
        group.MapSetUserActive();
        group.MapUnlockUser();
        return app;
    }

    /// <summary>The users this admin may see and manage (rule in the type's summary).</summary>
    public static async Task<IQueryable<AppUser>> VisibleUsersAsync(AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var inDomain = db.RoleAssignments.InScopeOf(me, Role.Admin).Select(r => r.UserId);
        if (me.HoldsAtRoot(Role.Admin))
        {
            return db.Users.Where(u => inDomain.Contains(u.Id) || !db.RoleAssignments.Any(r => r.UserId == u.Id));
        }

        var created = await CreatedByAsync(db, me, ct);
        return db.Users.Where(u => inDomain.Contains(u.Id)
            || (created.Contains(u.Id) && !db.RoleAssignments.Any(r => r.UserId == u.Id)));
    }

    /// <summary>Users this admin created, read from the audit log (no extra column needed).</summary>
    private static async Task<List<Guid>> CreatedByAsync(AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var ids = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(AppUser) && a.Action == AuditAction.Added && a.UserId == me.UserId)
            .Select(a => a.EntityId)
            .ToListAsync(ct);
        return ids.Select(s => Guid.TryParse(s, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
    }

    /// <summary>A tracked user visible to this admin, or null.</summary>
    public static async Task<AppUser?> FindVisibleAsync(AppDbContext db, CurrentUser me, Guid id, CancellationToken ct) =>
        await (await VisibleUsersAsync(db, me, ct)).FirstOrDefaultAsync(u => u.Id == id, ct);
}

/// <summary>The result of an admin command, shared by endpoints and pages.</summary>
public sealed record AdminOutcome(bool Found, Dictionary<string, string[]> Errors, Guid? Id = null)
{
    public static AdminOutcome NotFound { get; } = new(false, []);

    public bool Succeeded => Found && Errors.Count == 0;

    public static AdminOutcome Ok(Guid? id = null) => new(true, [], id);

    public static AdminOutcome Invalid(string field, string message) => new(true, new() { [field] = [message] });

    public Results<NoContent, NotFound, ValidationProblem> ToResult() =>
        !Found ? TypedResults.NotFound()
        : Errors.Count > 0 ? TypedResults.ValidationProblem(Errors, title: "操作未完成")
        : TypedResults.NoContent();
}
