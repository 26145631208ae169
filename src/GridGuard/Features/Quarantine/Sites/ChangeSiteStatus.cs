using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Quarantine.Sites;

/// <summary>
/// POST /api/quarantine-sites/{id}/status {"status": "Activating|Active|Standby"}: Standby → Activating starts the
/// 24-hour clock; Activating → Active; Activating or Active → Standby stands the site down (Active only when empty).
/// </summary>
public static class ChangeSiteStatus
{
    public sealed record Request(string? Status);

    public static RouteGroupBuilder MapChangeSiteStatus(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/status", HandleAsync)
            .WithName("ChangeQuarantineSiteStatus")
            .WithSummary("变更隔离点状态：待命 → 启用中（开始 24 小时倒计时）→ 已启用；撤回待命（须无人在住）");
        return group;
    }

    public static async Task<Results<Ok<GetSite.Response>, NotFound, ProblemHttpResult>> HandleAsync(Guid id,
        Request request, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, id, request.Status, ct);
        return result.Status switch
        {
            RegistryStatus.Ok => TypedResults.Ok((await GetSite.LoadAsync(db, me, clock, id, ct))!),
            RegistryStatus.NotFound => TypedResults.NotFound(),
            _ => result.ToProblem(),
        };
    }

    public static async Task<RegistryResult> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid id,
        string? statusText, CancellationToken ct)
    {
        var site = await db.QuarantineSites.InScopeOf(me).Include(s => s.Jurisdiction).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (site is null)
        {
            return RegistryResult.NotFound();
        }

        if (!me.HoldsAt(site.Jurisdiction!.Path, SiteRules.Managers))
        {
            return RegistryResult.Forbidden("您的岗位无权变更该隔离点的状态");
        }

        if (SiteText.ParseStatus(statusText) is not { } to)
        {
            return RegistryResult.Invalid("Status", string.IsNullOrWhiteSpace(statusText)
                ? "状态：请选择新状态"
                : $"状态：“{statusText}”无法识别，应为 待命、启用中、已启用");
        }

        var occupants = await db.RoomAssignments.CountAsync(a => a.SiteId == id && a.CheckedOutAt == null, ct);
        if (SiteRules.TransitionError(site.Status, to, occupants) is { } error)
        {
            return RegistryResult.Invalid("Status", error);
        }

        var now = clock.UtcNow;
        site.Status = to;
        site.ActivationStartedAt = to switch
        {
            SiteStatus.Activating => now,
            SiteStatus.Standby => null,
            _ => site.ActivationStartedAt,
        };
        site.ActivatedAt = to == SiteStatus.Active ? now : null;
        site.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return RegistryResult.Ok(site.Id);
    }
}
