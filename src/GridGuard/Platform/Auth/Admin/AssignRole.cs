using System.ComponentModel.DataAnnotations;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Platform.Auth.Admin;

/// <summary>POST /api/admin/users/{id}/roles: the user holds a role at a node, chosen by code, inside the admin's domain.</summary>
public static class AssignRole
{
    public sealed class Request
    {
        /// <summary>The role's code name, e.g. "VillageOfficer" (see <see cref="Auth.Role"/>).</summary>
        [Required(ErrorMessage = "岗位：必选")]
        [StringLength(32, ErrorMessage = "岗位：不能超过 32 个字符")]
        public string Role { get; set; } = "";

        [Required(ErrorMessage = "辖区代码：必填")]
        [StringLength(Jurisdiction.CodeMaxLength, ErrorMessage = "辖区代码：不能超过 24 个字符")]
        [RegularExpression("^[0-9]+$", ErrorMessage = "辖区代码：只能是数字")]
        public string JurisdictionCode { get; set; } = "";
    }

    public static RouteGroupBuilder MapAssignRole(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/roles", HandleAsync).WithName("AssignRole").WithSummary("在某辖区授予岗位");
        return group;
    }

    public static async Task<Results<Created, NotFound, ValidationProblem>> HandleAsync(
        Guid id, Request request, AppDbContext db, CurrentUser me, TimeProvider time, CancellationToken ct)
    {
        var outcome = await RunAsync(db, me, time, id, request, ct);
        return !outcome.Found ? TypedResults.NotFound()
            : outcome.Errors.Count > 0 ? TypedResults.ValidationProblem(outcome.Errors, title: "岗位未授予")
            : TypedResults.Created($"/api/admin/users/{id}");
    }

    /// <summary>Shared with the page. The new assignment's id is <see cref="AdminOutcome.Id"/>.</summary>
    public static async Task<AdminOutcome> RunAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid userId, Request request, CancellationToken ct)
    {
        if (await AdminUsers.FindVisibleAsync(db, me, userId, ct) is null)
        {
            return AdminOutcome.NotFound;
        }

        if (!Enum.TryParse<Role>(request.Role, ignoreCase: true, out var role)
            || !Enum.IsDefined(role) || request.Role.Any(char.IsDigit))
        {
            return AdminOutcome.Invalid(nameof(Request.Role), $"岗位：“{request.Role}”不是有效的岗位");
        }

        var code = request.JurisdictionCode.Trim();
        var node = await db.Jurisdictions.AsNoTracking().InScopeOf(me, Role.Admin)
            .Where(j => j.Code == code && j.IsActive)
            .Select(j => new { j.Id })
            .FirstOrDefaultAsync(ct);
        if (node is null)
        {
            return AdminOutcome.Invalid(nameof(Request.JurisdictionCode), $"辖区代码：“{code}”不存在、已停用或不在您的管辖范围内");
        }

        if (await db.RoleAssignments.AnyAsync(r => r.UserId == userId && r.Role == role && r.JurisdictionId == node.Id, ct))
        {
            return AdminOutcome.Invalid(nameof(Request.Role), $"岗位：该用户在此辖区已是{role.Label()}");
        }

        var assignment = new RoleAssignment
        {
            UserId = userId,
            Role = role,
            JurisdictionId = node.Id,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.RoleAssignments.Add(assignment);
        await db.SaveChangesAsync(ct);
        return AdminOutcome.Ok(assignment.Id);
    }
}
