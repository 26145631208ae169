using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Jurisdictions;

/// <summary>
/// POST /api/jurisdictions/{id}/deactivate: 停用 a node and its whole subtree. Nodes are never deleted, because
/// households, reports and audit lines point at them; a deactivated node stays visible (marked 已停用) but is left
/// out of pickers and search, gets no new children, and roles held at it stop granting scope.
/// Repeating it is harmless.
/// </summary>
public static class DeactivateJurisdiction
{
    public static RouteGroupBuilder MapDeactivateJurisdiction(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/deactivate", HandleAsync)
            .WithName("DeactivateJurisdiction")
            .WithSummary("停用辖区（含全部下级，不删除）");
        return group;
    }

    public static async Task<Results<Ok<GetJurisdiction.NodeDto>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, AppDbContext db, CurrentUser me, AuditLog audit, TimeProvider time, CancellationToken ct) =>
        (await RunAsync(db, me, audit, time, id, ct)).ToHttp();

    public static async Task<EditResult> RunAsync(
        AppDbContext db, CurrentUser me, AuditLog audit, TimeProvider time, Guid id, CancellationToken ct)
    {
        var node = await db.Jurisdictions.InScopeOf(me).FirstOrDefaultAsync(j => j.Id == id, ct);
        if (node is null)
        {
            return EditResult.NotFound;
        }

        if (!me.CanRestructure(node))
        {
            return EditResult.Forbidden($"您无权停用“{node.Name}”：需由其上级辖区的管理人员操作");
        }

        var path = node.Path;
        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var descendants = await db.Jurisdictions
            .Where(j => j.Path.StartsWith(path) && j.Id != node.Id && j.IsActive)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.IsActive, false).SetProperty(j => j.UpdatedAt, now), ct);
        if (descendants > 0)
        {
            audit.Bulk(nameof(Jurisdiction), "Deactivate", new { code = node.Code, path, descendants }, node.Id);
        }

        if (node.IsActive)
        {
            node.IsActive = false;
            node.UpdatedAt = now;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return EditResult.Ok(node);
    }
}
