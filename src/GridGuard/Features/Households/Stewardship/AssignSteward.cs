using System.ComponentModel.DataAnnotations;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GridGuard.Features.Households.Stewardship;

/// <summary>
/// PUT /api/households/{id}/steward: a village leader (<see cref="RoleNames.StewardshipManagers"/> at an
/// ancestor-or-self of the household's grid) names the household's steward (包户责任人). The steward must hold
/// <see cref="Role.Steward"/> at an ancestor-or-self of the grid; the caps of <see cref="StewardCaps"/> apply, counted
/// under <see cref="StewardLock"/> so that simultaneous assignments cannot pass a cap together.
/// The audit interceptor records Household.StewardId old → new.
/// </summary>
public static class AssignSteward
{
    public sealed class Request
    {
        [Required(ErrorMessage = "包户责任人：必填")]
        public Guid? StewardId { get; set; }
    }

    public sealed record Response(
        Guid HouseholdId, Guid? OldStewardId, Guid StewardId, string StewardName, CapOutcome Outcome, int StewardHouseholds,
        string? Warning);

    public enum Status
    {
        Done,
        NotFound,
        Forbidden,
        Invalid,
    }

    /// <summary>What the handler decided; the endpoint and the page turn it into their own answers.</summary>
    public sealed record Result(Status Status, Response? Value = null, string? Error = null);

    public const string ForbiddenMessage = "无权为该户分配包户责任人：需要本村（社区）或上级的网格长、村（社区）干部等岗位";

    public static RouteGroupBuilder MapAssignSteward(this RouteGroupBuilder group)
    {
        group.MapPut("/{id:guid}/steward", HandleAsync)
            .WithName("AssignSteward")
            .WithSummary("为一户分配包户责任人（城镇超过提醒线时警告，农村超过上限时拒绝）");
        return group;
    }

    public static async Task<Results<Ok<Response>, NotFound, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, AppDbContext db, CurrentUser me, IOptions<StewardshipOptions> options, CountyClock clock,
        CancellationToken ct)
    {
        var result = await RunAsync(db, me, options.Value, clock, id, request.StewardId ?? Guid.Empty, ct);
        return result.Status switch
        {
            Status.Done => TypedResults.Ok(result.Value!),
            Status.NotFound => TypedResults.NotFound(),
            Status.Forbidden => TypedResults.Problem(ForbiddenMessage, statusCode: StatusCodes.Status403Forbidden, title: "无权操作"),
            _ => TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["stewardId"] = [result.Error!] }, title: "无法分配包户责任人"),
        };
    }

    /// <summary>Shared with the page. Out-of-scope households are "not found".</summary>
    public static async Task<Result> RunAsync(
        AppDbContext db, CurrentUser me, StewardshipOptions options, CountyClock clock, Guid householdId, Guid stewardId,
        CancellationToken ct)
    {
        var household = await db.Households.InScopeOf(me)
            .Include(h => h.Jurisdiction)
            .FirstOrDefaultAsync(h => h.Id == householdId, ct);
        if (household is null)
        {
            return new Result(Status.NotFound);
        }

        var gridPath = household.Jurisdiction!.Path;
        if (!me.HoldsAt(gridPath, RoleNames.StewardshipManagers))
        {
            return new Result(Status.Forbidden);
        }

        if (stewardId == Guid.Empty)
        {
            return new Result(Status.Invalid, Error: "包户责任人：必填");
        }

        var steward = await db.Users.AsNoTracking()
            .Where(u => u.Id == stewardId && u.IsActive)
            .Select(u => new { u.DisplayName, u.UserName })
            .FirstOrDefaultAsync(ct);
        var stewardPaths = steward is null ? [] : await StewardQueries.StewardPathsAsync(db, stewardId, ct);
        if (steward is null || !StewardQueries.Covers(stewardPaths, gridPath))
        {
            return new Result(Status.Invalid, Error: "包户责任人：该用户不是本网格（或上级辖区）的包户责任人");
        }

        var name = steward.DisplayName.Length > 0 ? steward.DisplayName : steward.UserName ?? "";
        var oldStewardId = household.StewardId;
        await using var stewardLock = await StewardLock.AcquireAsync(db, stewardId, ct);
        var count = await StewardQueries.CountAsync(db, stewardId, ct);
        if (oldStewardId == stewardId)
        {
            return new Result(Status.Done, new Response(household.Id, oldStewardId, stewardId, name, CapOutcome.Ok, count, null));
        }

        var settlement = (await StewardQueries.SettlementsAsync(db, [gridPath], ct))[gridPath];
        var cap = StewardCaps.Check(settlement, count, options);
        if (cap.Outcome == CapOutcome.Refused)
        {
            return new Result(Status.Invalid, Error: cap.Message);
        }

        household.StewardId = stewardId;
        household.UpdatedAt = clock.UtcNow;
        await db.SaveChangesAsync(ct);
        await stewardLock.CommitAsync(ct);
        return new Result(Status.Done, new Response(household.Id, oldStewardId, stewardId, name, cap.Outcome, cap.NewCount, cap.Message));
    }
}
