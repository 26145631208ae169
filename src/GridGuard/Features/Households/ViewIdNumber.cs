using System.Text.Json;
using GridGuard.Platform;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Households;

/// <summary>
/// GET /api/persons/{id}/id-number ("显示完整号码"): the whole identity number, for IdNumberViewers only. Each full
/// view adds an audit line (Action Viewed, entity Person). 404 outside scope; 403 in scope without the permission.
/// </summary>
public static class ViewIdNumber
{
    public sealed record Response(Guid PersonId, string IdType, string? IdNumber);

    public static RouteGroupBuilder MapViewIdNumber(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/id-number", HandleAsync)
            .WithName("ViewIdNumber")
            .WithSummary("查看完整证件号码（仅限有权角色；每次查看记入操作日志）");
        return group;
    }

    public static async Task<Results<Ok<Response>, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, AppDbContext db, CurrentUser me, IHttpContextAccessor http, CountyClock clock, CancellationToken ct)
    {
        var (result, response) = await RevealAsync(db, me, http.HttpContext, clock, id, ct);
        return result.Status switch
        {
            RegistryStatus.Ok => TypedResults.Ok(response!),
            RegistryStatus.NotFound => TypedResults.NotFound(),
            _ => result.ToProblem(),
        };
    }

    /// <summary>Shared with the pages: checks scope and permission, writes the audit line, returns the number.</summary>
    public static async Task<(RegistryResult Result, Response? Response)> RevealAsync(AppDbContext db, CurrentUser me,
        HttpContext? http, CountyClock clock, Guid id, CancellationToken ct)
    {
        var p = await db.Persons.AsNoTracking().InScopeOf(me)
            .Where(x => x.Id == id)
            .Select(x => new { x.Id, x.IdType, x.IdNumber, x.JurisdictionId, x.Jurisdiction!.Path })
            .FirstOrDefaultAsync(ct);
        if (p is null)
        {
            return (RegistryResult.NotFound(), null);
        }

        if (!me.HoldsAt(p.Path, RoleNames.IdNumberViewers))
        {
            return (RegistryResult.Forbidden("您的岗位无权查看完整证件号码"), null);
        }

        if (p.IdNumber is not null)
        {
            var (userId, userName) = AuditInterceptor.Actor(http);
            db.AuditEntries.Add(new AuditEntry
            {
                At = clock.UtcNow,
                UserId = userId ?? me.UserId,
                UserName = userId is null ? me.UserName : userName,
                Entity = nameof(Person),
                EntityId = p.Id.ToString(),
                Action = AuditAction.Viewed,
                Changes = JsonSerializer.Serialize(new Dictionary<string, string[]> { ["IdNumber"] = ["***", "***"] }),
                JurisdictionId = p.JurisdictionId,
            });
            await db.SaveChangesAsync(ct);
        }

        return (RegistryResult.Ok(p.Id), new Response(p.Id, p.IdType.ToString(), p.IdNumber));
    }
}
