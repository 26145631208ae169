using System.ComponentModel.DataAnnotations;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Jurisdictions;

/// <summary>
/// POST /api/jurisdictions/{id}/move: puts a node, with its whole subtree, under a new parent.
/// <para>
/// Codes are identities and do not change on a move: households, reports, imports and other systems refer to
/// a node by its code, and a GB/T 2260 code is assigned by the state, not by us. Only Path and Depth change.
/// A moved node's code may therefore no longer extend its parent's code; new children still extend the
/// code of the node they are created under.
/// </para>
/// </summary>
public static class MoveJurisdiction
{
    /// <summary>The new parent, by id or by code (the page asks for a code).</summary>
    public sealed class Request
    {
        public Guid? NewParentId { get; set; }

        [StringLength(Jurisdiction.CodeMaxLength, ErrorMessage = "目标上级：代码不能超过 {1} 位")]
        [RegularExpression("^[0-9]+$", ErrorMessage = "目标上级：代码只能由数字组成")]
        public string? NewParentCode { get; set; }
    }

    /// <summary>A checked move, ready to confirm or to write.</summary>
    public sealed record Plan(Jurisdiction Node, Jurisdiction? OldParent, Jurisdiction NewParent, int Descendants, string NewPath);

    public static RouteGroupBuilder MapMoveJurisdiction(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/move", HandleAsync).WithName("MoveJurisdiction").WithSummary("移动辖区（含全部下级）");
        return group;
    }

    public static async Task<Results<Ok<GetJurisdiction.NodeDto>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, AppDbContext db, CurrentUser me, AuditLog audit, TimeProvider time, CancellationToken ct) =>
        (await RunAsync(db, me, audit, time, id, request, ct)).ToHttp();

    public static async Task<EditResult> RunAsync(
        AppDbContext db, CurrentUser me, AuditLog audit, TimeProvider time, Guid id, Request request, CancellationToken ct)
    {
        var (plan, refusal) = await PlanAsync(db, me, id, request, ct);
        if (plan is null)
        {
            return refusal!;
        }

        var node = plan.Node;
        var oldPath = node.Path;
        var newPath = plan.NewPath;
        var depthDelta = plan.NewParent.Depth + 1 - node.Depth;
        var now = time.GetUtcNow().UtcDateTime;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var descendants = await db.Jurisdictions
            .Where(j => j.Path.StartsWith(oldPath) && j.Id != node.Id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Path, j => newPath + j.Path.Substring(oldPath.Length))
                .SetProperty(j => j.Depth, j => j.Depth + depthDelta)
                .SetProperty(j => j.UpdatedAt, now), ct);

        // The node itself goes through tracking, so its own audit line names the old and new parent.
        node.ParentId = plan.NewParent.Id;
        node.Path = newPath;
        node.Depth += depthDelta;
        node.UpdatedAt = now;
        audit.Bulk(nameof(Jurisdiction), "Move",
            new { code = node.Code, from = oldPath, to = newPath, descendants }, node.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return EditResult.Ok(node);
    }

    /// <summary>Every check of a move, without writing: the page shows the plan for confirmation.</summary>
    public static async Task<(Plan? Plan, EditResult? Refusal)> PlanAsync(
        AppDbContext db, CurrentUser me, Guid id, Request request, CancellationToken ct)
    {
        var node = await db.Jurisdictions.InScopeOf(me).FirstOrDefaultAsync(j => j.Id == id, ct);
        if (node is null)
        {
            return (null, EditResult.NotFound);
        }

        if (!me.CanRestructure(node))
        {
            return (null, EditResult.Forbidden($"您无权移动“{node.Name}”：需由其上级辖区的管理人员操作"));
        }

        var errors = TreeEdit.ShapeErrors(request);
        if (errors.Count > 0)
        {
            return (null, EditResult.Invalid(errors));
        }

        const string field = nameof(Request.NewParentCode);
        var code = request.NewParentCode?.Trim();
        if (request.NewParentId is null && string.IsNullOrEmpty(code))
        {
            return (null, EditResult.Invalid(field, "目标上级：不能为空"));
        }

        var candidates = db.Jurisdictions.AsNoTracking().InScopeOf(me);
        var target = request.NewParentId is { } targetId
            ? await candidates.FirstOrDefaultAsync(j => j.Id == targetId, ct)
            : await candidates.FirstOrDefaultAsync(j => j.Code == code, ct);
        var shown = request.NewParentId is null ? $"代码“{code}”" : "所选辖区";
        string? reason = target switch
        {
            null => $"{shown}不存在或不在您的管辖范围内",
            _ when target.Id == node.Id || target.Path.StartsWith(node.Path, StringComparison.Ordinal) =>
                $"不能把“{node.Name}”移到它自身或它的下级“{target.Name}”之下（会形成循环）",
            _ when target.Id == node.ParentId => $"“{node.Name}”已在“{target.Name}”之下",
            _ when !target.IsActive => $"“{target.Name}”已停用",
            _ when !me.CanEdit(target.Path) => $"您无权调整“{target.Name}”的下级",
            _ when target.Level >= node.Level => $"{node.Level.Label()}不能位于{target.Level.Label()}之下",
            _ => null,
        };
        if (reason is not null)
        {
            return (null, EditResult.Invalid(field, "目标上级：" + reason));
        }

        var newPath = Jurisdiction.ChildPath(target!.Path, node.Code);
        var oldPath = node.Path;
        var subtree = db.Jurisdictions.Where(j => j.Path.StartsWith(oldPath) && j.Id != node.Id);
        var descendants = await subtree.CountAsync(ct);
        var longest = descendants == 0 ? oldPath.Length : await subtree.MaxAsync(j => j.Path.Length, ct);
        if (longest - oldPath.Length + newPath.Length > Jurisdiction.PathMaxLength)
        {
            return (null, EditResult.Invalid(field, "目标上级：移动后层级过深"));
        }

        var oldParent = node.ParentId is { } parentId
            ? await db.Jurisdictions.AsNoTracking().FirstAsync(j => j.Id == parentId, ct)
            : null;
        return (new Plan(node, oldParent, target, descendants, newPath), null);
    }
}
