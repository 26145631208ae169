using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Canvassing;

/// <summary>POST /api/canvassing/canvasses: starts a canvass (排查) over a subtree with a window, e.g. 春节返乡排查.</summary>
public static class CreateCanvass
{
    /// <summary>Village officers and above may start a canvass inside their scope.</summary>
    public static readonly IReadOnlySet<Role> Organisers = new HashSet<Role>
    {
        Role.Admin, Role.CountyCommander, Role.TownshipOfficer, Role.VillageOfficer,
    };

    /// <summary>EndsOn is the last day, inclusive.</summary>
    public sealed record Request(string? Name, Guid JurisdictionId, DateOnly? StartsOn, DateOnly? EndsOn);

    public sealed record CanvassDto(Guid Id, string Name, Guid JurisdictionId, string JurisdictionName,
        DateOnly StartsOn, DateOnly EndsOn, bool IsActive);

    public static RouteGroupBuilder MapCreateCanvass(this RouteGroupBuilder group)
    {
        group.MapPost("/canvasses", HandleAsync).WithName("CreateCanvass").WithSummary("发起排查（辖区、名称、起止日期）");
        return group;
    }

    public static async Task<Results<Created<CanvassDto>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Request request, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var outcome = await ExecuteAsync(db, me, clock, request, ct);
        return outcome.Kind switch
        {
            OutcomeKind.Ok => TypedResults.Created($"/api/canvassing/canvasses?jurisdictionId={outcome.Value!.JurisdictionId}", outcome.Value),
            OutcomeKind.Invalid => TypedResults.ValidationProblem(outcome.Errors, title: "排查信息有误"),
            OutcomeKind.Forbidden => TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status403Forbidden, title: "无权操作"),
            _ => TypedResults.NotFound(),
        };
    }

    public static async Task<Outcome<CanvassDto>> ExecuteAsync(
        AppDbContext db, CurrentUser me, CountyClock clock, Request request, CancellationToken ct)
    {
        var node = await db.Jurisdictions.AsNoTracking().InScopeOf(me)
            .Where(j => j.Id == request.JurisdictionId)
            .Select(j => new { j.Id, j.Name, j.Path, j.IsActive })
            .FirstOrDefaultAsync(ct);
        if (node is null)
        {
            return Outcome<CanvassDto>.NotFound();
        }

        if (!me.HoldsAt(node.Path, Organisers))
        {
            return Outcome<CanvassDto>.Forbidden("只有村（社区）干部及以上可以发起排查");
        }

        var errors = new FieldErrors();
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add("name", "名称：不能为空");
        }
        else if (name.Length > Canvass.NameMaxLength)
        {
            errors.Add("name", $"名称：不能超过 {Canvass.NameMaxLength} 个字符");
        }

        if (!node.IsActive)
        {
            errors.Add("jurisdictionId", "辖区：该辖区已停用");
        }

        if (request.StartsOn is null)
        {
            errors.Add("startsOn", "开始日期：不能为空");
        }

        if (request.EndsOn is null)
        {
            errors.Add("endsOn", "结束日期：不能为空");
        }
        else if (request.StartsOn is { } s && request.EndsOn < s)
        {
            errors.Add("endsOn", "结束日期：不能早于开始日期");
        }

        if (errors.Any)
        {
            return Outcome<CanvassDto>.Invalid(errors.ToDictionary());
        }

        var canvass = new Canvass
        {
            Name = name,
            JurisdictionId = node.Id,
            StartsOn = request.StartsOn!.Value,
            EndsOn = request.EndsOn!.Value,
            CreatedAt = clock.UtcNow,
        };
        db.Canvasses.Add(canvass);
        await db.SaveChangesAsync(ct);
        var today = clock.Today;
        return Outcome<CanvassDto>.Ok(new CanvassDto(canvass.Id, canvass.Name, node.Id, node.Name, canvass.StartsOn,
            canvass.EndsOn, canvass.StartsOn <= today && today <= canvass.EndsOn));
    }
}
