using System.ComponentModel.DataAnnotations;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GridGuard.Features.Households.Stewardship;

/// <summary>
/// POST /api/stewardship/bulk: gives one steward the households of a village, group (compound), building or grid:
/// only those without a steward (<see cref="Request.OnlyUnassigned"/>, the default) or all of them. The same rules as
/// <see cref="AssignSteward"/> apply to each household in address order; every household is reported as assigned,
/// warned, refused or unchanged. Refused households are left as they were; the others are saved together.
/// </summary>
public static class BulkAssignStewards
{
    /// <summary>One request touches at most this many households, so a slip cannot rewrite a whole township.</summary>
    public const int MaxHouseholds = 2000;

    public sealed class Request
    {
        [Required(ErrorMessage = "辖区：必填")]
        public Guid? JurisdictionId { get; set; }

        [Required(ErrorMessage = "包户责任人：必填")]
        public Guid? StewardId { get; set; }

        /// <summary>True: only households without a steward; false: every household, replacing their steward.</summary>
        public bool OnlyUnassigned { get; set; } = true;
    }

    [System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<RowOutcome>))]
    public enum RowOutcome
    {
        Assigned,
        Warned,
        Refused,
        Unchanged,
    }

    public sealed record Row(Guid HouseholdId, string Label, Guid? OldStewardId, RowOutcome Outcome, string? Message);

    public sealed record Response(
        Guid JurisdictionId, Guid StewardId, string StewardName, int Assigned, int Warned, int Refused, int Unchanged,
        int StewardHouseholds, IReadOnlyList<Row> Rows);

    public enum Status
    {
        Done,
        NotFound,
        Forbidden,
        Invalid,
    }

    public sealed record Result(Status Status, Response? Value = null, string? Field = null, string? Error = null);

    public static RouteGroupBuilder MapBulkAssignStewards(this RouteGroupBuilder group)
    {
        group.MapPost("/bulk", HandleAsync)
            .WithName("BulkAssignStewards")
            .WithSummary("按村（社区）、小组（小区）、楼栋或网格批量分配包户责任人，逐户报告结果");
        return group;
    }

    public static async Task<Results<Ok<Response>, NotFound, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Request request, AppDbContext db, CurrentUser me, IOptions<StewardshipOptions> options, CountyClock clock,
        CancellationToken ct)
    {
        var result = await RunAsync(db, me, options.Value, clock, request, ct);
        return result.Status switch
        {
            Status.Done => TypedResults.Ok(result.Value!),
            Status.NotFound => TypedResults.NotFound(),
            Status.Forbidden => TypedResults.Problem(AssignSteward.ForbiddenMessage, statusCode: StatusCodes.Status403Forbidden,
                title: "无权操作"),
            _ => TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [result.Field!] = [result.Error!] }, title: "无法批量分配包户责任人"),
        };
    }

    /// <summary>Shared with the page.</summary>
    public static async Task<Result> RunAsync(
        AppDbContext db, CurrentUser me, StewardshipOptions options, CountyClock clock, Request request, CancellationToken ct)
    {
        var node = await db.Jurisdictions.AsNoTracking().InScopeOf(me)
            .FirstOrDefaultAsync(j => j.Id == request.JurisdictionId, ct);
        if (node is null)
        {
            return new Result(Status.NotFound);
        }

        if (!me.HoldsAt(node.Path, RoleNames.StewardshipManagers))
        {
            return new Result(Status.Forbidden);
        }

        if (node.Level < JurisdictionLevel.Village)
        {
            return new Result(Status.Invalid, Field: "jurisdictionId", Error: "辖区：批量分配只能用于村（社区）、小组（小区）、楼栋或网格");
        }

        var stewardId = request.StewardId ?? Guid.Empty;
        var steward = await db.Users.AsNoTracking()
            .Where(u => u.Id == stewardId && u.IsActive)
            .Select(u => new { u.DisplayName, u.UserName })
            .FirstOrDefaultAsync(ct);
        var stewardPaths = steward is null ? [] : await StewardQueries.StewardPathsAsync(db, stewardId, ct);
        if (steward is null || stewardPaths.Count == 0)
        {
            return new Result(Status.Invalid, Field: "stewardId", Error: "包户责任人：该用户不是包户责任人");
        }

        var households = await db.Households.InScopeOf(me)
            .Where(h => h.Jurisdiction!.Path.StartsWith(node.Path))
            .Where(h => !request.OnlyUnassigned || h.StewardId == null)
            .Include(h => h.Jurisdiction)
            .Include(h => h.Head)
            .OrderBy(h => h.Jurisdiction!.Path)
            .ThenBy(h => h.Unit!.Length).ThenBy(h => h.Unit).ThenBy(h => h.Room!.Length).ThenBy(h => h.Room).ThenBy(h => h.Id)
            .Take(MaxHouseholds + 1)
            .ToListAsync(ct);
        if (households.Count > MaxHouseholds)
        {
            return new Result(Status.Invalid, Field: "jurisdictionId",
                Error: $"辖区：一次最多批量分配 {MaxHouseholds} 户，请选择更小的范围（小组、楼栋或网格）");
        }

        var settlements = await StewardQueries.SettlementsAsync(db, households.Select(h => h.Jurisdiction!.Path), ct);
        await using var stewardLock = await StewardLock.AcquireAsync(db, stewardId, ct);
        var count = await StewardQueries.CountAsync(db, stewardId, ct);
        var now = clock.UtcNow;
        var rows = new List<Row>(households.Count);
        foreach (var h in households)
        {
            var label = Label(h);
            var gridPath = h.Jurisdiction!.Path;
            if (h.StewardId == stewardId)
            {
                rows.Add(new Row(h.Id, label, h.StewardId, RowOutcome.Unchanged, "已是该责任人"));
                continue;
            }

            if (!StewardQueries.Covers(stewardPaths, gridPath))
            {
                rows.Add(new Row(h.Id, label, h.StewardId, RowOutcome.Refused,
                    $"包户责任人：不是“{h.Jurisdiction.Name}”（或上级辖区）的包户责任人"));
                continue;
            }

            var cap = StewardCaps.Check(settlements[gridPath], count, options);
            if (cap.Outcome == CapOutcome.Refused)
            {
                rows.Add(new Row(h.Id, label, h.StewardId, RowOutcome.Refused, cap.Message));
                continue;
            }

            rows.Add(new Row(h.Id, label, h.StewardId,
                cap.Outcome == CapOutcome.Warned ? RowOutcome.Warned : RowOutcome.Assigned, cap.Message));
            h.StewardId = stewardId;
            h.UpdatedAt = now;
            count = cap.NewCount;
        }

        await db.SaveChangesAsync(ct);
        await stewardLock.CommitAsync(ct);
        var name = steward.DisplayName.Length > 0 ? steward.DisplayName : steward.UserName ?? "";
        return new Result(Status.Done, new Response(node.Id, stewardId, name,
            rows.Count(r => r.Outcome == RowOutcome.Assigned),
            rows.Count(r => r.Outcome == RowOutcome.Warned),
            rows.Count(r => r.Outcome == RowOutcome.Refused),
            rows.Count(r => r.Outcome == RowOutcome.Unchanged),
            count, rows));
    }

    private static string Label(Household h)
    {
        var place = HouseholdAddress.UnitRoom(h.Unit, h.Room, h.Address);
        var head = h.Head?.Name;
        return (place, head) switch
        {
            ({ Length: > 0 }, { Length: > 0 }) => $"{h.Jurisdiction!.Name} {place}（户主 {head}）",
            ({ Length: > 0 }, _) => $"{h.Jurisdiction!.Name} {place}",
            (_, { Length: > 0 }) => $"{h.Jurisdiction!.Name} 户主 {head}",
            _ => $"{h.Jurisdiction!.Name} 未填地址",
        };
    }
}

public static class RowOutcomeLabels
{
    public static string Label(this BulkAssignStewards.RowOutcome outcome) => outcome switch
    {
        BulkAssignStewards.RowOutcome.Assigned => "已分配",
        BulkAssignStewards.RowOutcome.Warned => "已分配（超提醒线）",
        BulkAssignStewards.RowOutcome.Refused => "未分配",
        _ => "无变化",
    };
}
