using System.ComponentModel.DataAnnotations;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Jurisdictions;

/// <summary>
/// PUT or PATCH /api/jurisdictions/{id}/name: renames a node the user may edit. Saved through EF tracking,
/// so the audit interceptor logs the old and the new name.
/// </summary>
public static class RenameJurisdiction
{
    public sealed class Request
    {
        [Required(ErrorMessage = "名称：不能为空")]
        [StringLength(Jurisdiction.NameMaxLength, ErrorMessage = "名称：不能超过 {1} 个字")]
        public string Name { get; set; } = "";
    }

    public static RouteGroupBuilder MapRenameJurisdiction(this RouteGroupBuilder group)
    {
        group.MapMethods("/{id:guid}/name", [HttpMethods.Put, HttpMethods.Patch], HandleAsync)
            .WithName("RenameJurisdiction")
            .WithSummary("重命名辖区");
        return group;
    }

    public static async Task<Results<Ok<GetJurisdiction.NodeDto>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, AppDbContext db, CurrentUser me, TimeProvider time, CancellationToken ct) =>
        (await RunAsync(db, me, time, id, request, ct)).ToHttp();

    public static async Task<EditResult> RunAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, Request request, CancellationToken ct)
    {
        var node = await db.Jurisdictions.InScopeOf(me).FirstOrDefaultAsync(j => j.Id == id, ct);
        if (node is null)
        {
            return EditResult.NotFound;
        }

        if (!me.CanEdit(node.Path))
        {
            return EditResult.Forbidden($"您无权修改“{node.Name}”");
        }

        var errors = TreeEdit.ShapeErrors(request);
        if (errors.Count > 0)
        {
            return EditResult.Invalid(errors);
        }

        var name = request.Name.Trim();
        if (name != node.Name)
        {
            node.Name = name;
            node.UpdatedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }

        return EditResult.Ok(node);
    }
}
