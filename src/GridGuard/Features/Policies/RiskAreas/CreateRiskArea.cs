using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using FieldErrors = GridGuard.Features.Households.FieldErrors;

namespace GridGuard.Features.Policies.RiskAreas;

/// <summary>
/// POST /api/risk-areas: county staff add a risk area by hand (201 with the id). The same place (code + sub-area) with
/// the same start date is already listed → error on the start date: edit that area instead.
/// </summary>
public static class CreateRiskArea
{
    public sealed record Created(Guid Id);

    public static RouteGroupBuilder MapCreateRiskArea(this RouteGroupBuilder group)
    {
        group.MapPost("/", HandleAsync).WithName("CreateRiskArea").WithSummary("新增风险地区（县指挥部）");
        return group;
    }

    public static async Task<Results<Created<Created>, ValidationProblem, ProblemHttpResult>> HandleAsync(RiskAreaInput request,
        AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, request, ct);
        return result.Status switch
        {
            RiskAreaStatus.Ok => TypedResults.Created($"/api/risk-areas/{result.Value}", new Created(result.Value)),
            RiskAreaStatus.Invalid => result.InvalidProblem("风险地区有误"),
            _ => result.ForbiddenProblem(),
        };
    }

    public static async Task<RiskAreaResult<Guid>> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock,
        RiskAreaInput request, CancellationToken ct)
    {
        if (!RiskAreaRules.CanEdit(me))
        {
            return RiskAreaResult.Forbidden<Guid>();
        }

        var errors = new FieldErrors();
        var values = await RiskAreaRules.CheckAsync(request, db, errors, ct);
        if (values is null)
        {
            return RiskAreaResult.Invalid<Guid>(errors);
        }

        if (await ExistsAsync(db, values, null, ct))
        {
            errors.Add(nameof(RiskAreaInput.From), DuplicateMessage);
            return RiskAreaResult.Invalid<Guid>(errors);
        }

        var now = clock.UtcNow;
        var area = new RiskArea { PlaceCode = values.PlaceCode, CreatedAt = now, UpdatedAt = now };
        RiskAreaRules.Apply(area, values);
        db.RiskAreas.Add(area);
        await db.SaveChangesAsync(ct);
        return RiskAreaResult.Ok<Guid>(area.Id);
    }

    public const string DuplicateMessage = "开始日期：该地区（代码与具体区域相同）已有同一天开始的风险期，请修改那一条";

    /// <summary>Another area with the same code, sub-area and start date (the identity the import uses too).</summary>
    public static Task<bool> ExistsAsync(AppDbContext db, RiskAreaValues v, Guid? except, CancellationToken ct) =>
        db.RiskAreas.AnyAsync(a => a.PlaceCode == v.PlaceCode && a.SubArea == v.SubArea && a.From == v.From
            && (except == null || a.Id != except), ct);
}
