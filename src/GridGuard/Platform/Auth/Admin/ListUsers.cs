using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Platform.Auth.Admin;

/// <summary>GET /api/admin/users?q=&amp;page=: the users this admin manages, searched by user name or display name.</summary>
public static class ListUsers
{
    public const int QueryMaxLength = 64;

    public sealed record GrantDto(Guid Id, Role Role, string RoleLabel, Guid JurisdictionId, string JurisdictionCode, string JurisdictionName);

    public sealed record UserRow(Guid Id, string UserName, string DisplayName, string? PhoneNumber, bool IsActive,
        IReadOnlyList<GrantDto> Grants);

    public sealed record Response(IReadOnlyList<UserRow> Users, int Page, int PageSize, int Total);

    public static RouteGroupBuilder MapListUsers(this RouteGroupBuilder group)
    {
        group.MapGet("/", HandleAsync).WithName("ListUsers").WithSummary("用户列表（按用户名或姓名搜索，分页）");
        return group;
    }

    public static async Task<Ok<Response>> HandleAsync(
        string? q, int? page, AppDbContext db, CurrentUser me, CancellationToken ct) =>
        TypedResults.Ok(await LoadAsync(db, me, q, page ?? 1, ct));

    /// <summary>Shared with the page.</summary>
    public static async Task<Response> LoadAsync(AppDbContext db, CurrentUser me, string? q, int page, CancellationToken ct)
    {
        page = Math.Max(1, page);
        var users = (await AdminUsers.VisibleUsersAsync(db, me, ct)).AsNoTracking();
        var term = q?.Trim() is { Length: > 0 } t ? t[..Math.Min(t.Length, QueryMaxLength)] : null;
        if (term is not null)
        {
            var upper = term.ToUpperInvariant();
            users = users.Where(u => u.NormalizedUserName!.Contains(upper) || u.DisplayName.Contains(term));
        }

        var total = await users.CountAsync(ct);
        var rows = await users
            .OrderBy(u => u.UserName)
            .Skip((page - 1) * AdminUsers.PageSize)
            .Take(AdminUsers.PageSize)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.PhoneNumber, u.IsActive })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var grants = (await GrantsAsync(db, me, ids, ct)).ToLookup(g => g.UserId, g => g.Grant);
        return new Response(
            rows.Select(r => new UserRow(r.Id, r.UserName ?? "", r.DisplayName, r.PhoneNumber, r.IsActive, grants[r.Id].ToList())).ToList(),
            page, AdminUsers.PageSize, total);
    }

    /// <summary>The grants of these users at nodes inside the admin's domain.</summary>
    internal static async Task<List<(Guid UserId, GrantDto Grant)>> GrantsAsync(
        AppDbContext db, CurrentUser me, List<Guid> userIds, CancellationToken ct)
    {
        var rows = await db.RoleAssignments.AsNoTracking().InScopeOf(me, Role.Admin)
            .Where(r => userIds.Contains(r.UserId))
            .OrderBy(r => r.Jurisdiction!.Path).ThenBy(r => r.Role)
            .Select(r => new { r.UserId, r.Id, r.Role, r.JurisdictionId, r.Jurisdiction!.Code, r.Jurisdiction.Name })
            .ToListAsync(ct);
        return rows.Select(r => (r.UserId, new GrantDto(r.Id, r.Role, r.Role.Label(), r.JurisdictionId, r.Code, r.Name))).ToList();
    }
}
