using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Sites;

/// <summary>
/// POST /api/testing-rounds/{roundId}/sites: adds a sampling site (采样点) to a round, by an organiser holding a role at
/// or above the round's node. 404 when the round is outside the user's scope; 403 for other roles; 400 with Chinese
/// field errors (a name already used in the round is a field error on Name).
/// </summary>
public static class AddSite
{
    public sealed record Added(Guid Id);

    public static RouteGroupBuilder MapAddSite(this RouteGroupBuilder group)
    {
        group.MapPost("/{roundId:guid}/sites", HandleAsync)
            .WithName("AddSamplingSite")
            .WithSummary("新增采样点（名称、地址、所属辖区、开放时间、采样通道数、工作人员）");
        return group;
    }

    public static async Task<Results<Created<Added>, NotFound, ProblemHttpResult>> HandleAsync(Guid roundId,
        SamplingSiteForm request, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, roundId, request, ct);
        return result.Status switch
        {
            RegistryStatus.Ok => TypedResults.Created($"/api/testing-rounds/{roundId}/sites/{result.Id}", new Added(result.Id!.Value)),
            RegistryStatus.NotFound => TypedResults.NotFound(),
            _ => result.ToProblem(),
        };
    }

    public static async Task<RegistryResult> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid roundId,
        SamplingSiteForm form, CancellationToken ct)
    {
        var round = await SiteInput.RoundAsync(db, me, roundId, ct);
        if (round is null)
        {
            return RegistryResult.NotFound();
        }

        if (!SiteInput.CanOrganise(me, round))
        {
            return RegistryResult.Forbidden(SiteInput.ForbiddenMessage);
        }

        var (values, errors) = await SiteInput.CheckAsync(db, clock, round, form, exceptSiteId: null, ct);
        if (values is null)
        {
            return RegistryResult.Invalid(errors!);
        }

        var site = new SamplingSite
        {
            RoundId = round.Id,
            Name = values.Name,
            Address = values.Address,
            JurisdictionId = values.Node.Id,
            Opens = values.Opens,
            Closes = values.Closes,
            Lanes = values.Lanes,
            Staff = values.Staff,
            CreatedAt = clock.UtcNow,
        };
        db.SamplingSites.Add(site);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return RegistryResult.Invalid("Name", SiteInput.DuplicateName(values.Name));
        }

        return RegistryResult.Ok(site.Id);
    }
}
