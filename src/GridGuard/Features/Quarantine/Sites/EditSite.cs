using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Quarantine.Sites;

/// <summary>PUT /api/quarantine-sites/{id}: changes name, address, node and responsible person. 404 outside scope.</summary>
public static class EditSite
{
    public static RouteGroupBuilder MapEditSite(this RouteGroupBuilder group)
    {
        group.MapPut("/{id:guid}", HandleAsync)
            .WithName("EditQuarantineSite")
            .WithSummary("修改集中隔离点（名称、地址、所属辖区、负责人）");
        return group;
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> HandleAsync(Guid id, SiteForm request,
        AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, id, request, ct);
        return result.Status switch
        {
            RegistryStatus.Ok => TypedResults.NoContent(),
            RegistryStatus.NotFound => TypedResults.NotFound(),
            _ => result.ToProblem(),
        };
    }

    public static async Task<RegistryResult> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid id,
        SiteForm form, CancellationToken ct)
    {
        var site = await db.QuarantineSites.InScopeOf(me).Include(s => s.Jurisdiction).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (site is null)
        {
            return RegistryResult.NotFound();
        }

        if (!me.HoldsAt(site.Jurisdiction!.Path, SiteRules.Managers))
        {
            return RegistryResult.Forbidden("您的岗位无权修改该隔离点");
        }

        var (values, failure) = await SiteInput.CheckAsync(db, me, form, exceptSiteId: id, ct);
        if (values is null)
        {
            return failure!;
        }

        site.Name = values.Name;
        site.Address = values.Address;
        site.JurisdictionId = values.Node.Id;
        site.ResponsibleName = values.ResponsibleName;
        site.ResponsiblePhone = values.ResponsiblePhone;
        site.UpdatedAt = clock.UtcNow;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return RegistryResult.Invalid("Name", SiteInput.DuplicateName(values.Node.Name, values.Name));
        }

        return RegistryResult.Ok(site.Id);
    }
}
