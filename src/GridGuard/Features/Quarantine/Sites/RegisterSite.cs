using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Quarantine.Sites;

/// <summary>POST /api/quarantine-sites: registers a site (in Standby) at a node where the user manages sites.</summary>
public static class RegisterSite
{
    public sealed record Created(Guid Id);

    public static RouteGroupBuilder MapRegisterSite(this RouteGroupBuilder group)
    {
        group.MapPost("/", HandleAsync)
            .WithName("RegisterQuarantineSite")
            .WithSummary("登记集中隔离点（名称、地址、所属辖区、负责人必填；登记后为待命状态）");
        return group;
    }

    public static async Task<Results<Created<Created>, ProblemHttpResult>> HandleAsync(
        SiteForm request, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, request, ct);
        return result.Status == RegistryStatus.Ok
            ? TypedResults.Created($"/api/quarantine-sites/{result.Id}", new Created(result.Id!.Value))
            : result.ToProblem();
    }

    public static async Task<RegistryResult> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock, SiteForm form,
        CancellationToken ct)
    {
        var (values, failure) = await SiteInput.CheckAsync(db, me, form, exceptSiteId: null, ct);
        if (values is null)
        {
            return failure!;
        }

        var now = clock.UtcNow;
        var site = new QuarantineSite
        {
            Name = values.Name,
            Address = values.Address,
            JurisdictionId = values.Node.Id,
            ResponsibleName = values.ResponsibleName,
            ResponsiblePhone = values.ResponsiblePhone,
            Status = SiteStatus.Standby,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.QuarantineSites.Add(site);
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
