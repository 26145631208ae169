using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Jurisdictions;

/// <summary>
/// POST /api/jurisdictions/{id}/reactivate[?includeDescendants=true]: 启用 a deactivated node again, alone
/// (its children stay as they are) or with its whole subtree. Its parent must be active.
/// </summary>
public static class ReactivateJurisdiction
{
    public static RouteGroupBuilder MapReactivateJurisdiction(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/reactivate", HandleAsync)
            .WithName("ReactivateJurisdiction")
            .WithSummary("重新启用辖区（可含全部下级）");
        return group;
    }

    public static async Task<Results<Ok<GetJurisdiction.NodeDto>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, AppDbContext db, CurrentUser me, AuditLog audit, TimeProvider time, CancellationToken ct,
        bool includeDescendants = false) =>
        (await RunAsync(db, me, audit, time, id, includeDescendants, ct)).ToHttp();

    public static async Task<EditResult> RunAsync(
        AppDbContext db, CurrentUser me, AuditLog audit, TimeProvider time, Guid id, bool includeDescendants,
        CancellationToken ct)
    {
        var node = await db.Jurisdictions.InScopeOf(me).FirstOrDefaultAsync(j => j.Id == id, ct);
        if (node is null)
        {
            return EditResult.NotFound;
        }

        if (!me.CanRestructure(node))
        {
            return EditResult.Forbidden($"您无权启用“{node.Name}”：需由其上级辖区的管理人员操作");
        }

        if (node.ParentId is { } parentId
            && await db.Jurisdictions.AsNoTracking().Where(j => j.Id == parentId && !j.IsActive).Select(j => j.Name)
                .FirstOrDefaultAsync(ct) is { } inactiveParent)
        {
            return EditResult.Invalid("IsActive", $"状态：上级“{inactiveParent}”已停用，请先启用上级");
        }

        var path = node.Path;
        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (includeDescendants)
        {
            var descendants = await db.Jurisdictions
                .Where(j => j.Path.StartsWith(path) && j.Id != node.Id && !j.IsActive)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.IsActive, true).SetProperty(j => j.UpdatedAt, now), ct);
            if (descendants > 0)
            {
                audit.Bulk(nameof(Jurisdiction), "Reactivate", new { code = node.Code, path, descendants }, node.Id);
            }
        }

        if (!node.IsActive)
        {
            node.IsActive = true;
            node.UpdatedAt = now;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return EditResult.Ok(node);
    }
}
