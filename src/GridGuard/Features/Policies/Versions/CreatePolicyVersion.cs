using System.Globalization;
using GridGuard.Features.Policies.RiskAreas;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using FieldErrors = GridGuard.Features.Households.FieldErrors;

namespace GridGuard.Features.Policies.Versions;

/// <summary>
/// POST /api/policies/{id}/versions {"json": "…rulebook…", "effectiveDate": "yyyy-MM-dd"}: county staff save an edited
/// copy of a version as a NEW version of the same policy (Version = highest + 1); the old version is never changed.
/// The copy is validated by <see cref="RulebookValidator"/>; errors are keyed by JSON path ("rules[0].phases[0].testDays").
/// The name and the version in the JSON are set by the server; the effective date given here wins over the JSON's.
/// </summary>
public static class CreatePolicyVersion
{
    public sealed class Request
    {
        public string? Json { get; set; }

        public DateOnly? EffectiveDate { get; set; }
    }

    public sealed record Created(Guid Id, string Name, int Version);

    public static RouteGroupBuilder MapCreatePolicyVersion(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/versions", HandleAsync).WithName("CreatePolicyVersion")
            .WithSummary("以某版本为底稿保存新版本（校验规则，旧版本保留不变；县指挥部）");
        return group;
    }

    public static async Task<Results<Created<Created>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(Guid id,
        Request request, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, id, request, ct);
        return result.Status switch
        {
            RiskAreaStatus.Ok => TypedResults.Created($"/api/policies/{result.Value!.Id}", result.Value),
            RiskAreaStatus.Invalid => result.InvalidProblem("管控规则有误"),
            RiskAreaStatus.NotFound => TypedResults.NotFound(),
            _ => result.ForbiddenProblem(),
        };
    }

    public static async Task<RiskAreaResult<Created>> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid id,
        Request request, CancellationToken ct)
    {
        if (!RiskAreaRules.CanEdit(me))
        {
            return RiskAreaResult.Forbidden<Created>();
        }

        var source = await db.Policies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (source is null)
        {
            return RiskAreaResult.NotFound<Created>();
        }

        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Json))
        {
            errors.Add(nameof(Request.Json), "规则 JSON：不能为空");
            return RiskAreaResult.Invalid<Created>(errors);
        }

        var next = await db.Policies.Where(p => p.Name == source.Name).MaxAsync(p => p.Version, ct) + 1;
        var document = RulebookJson.ReadDocument(request.Json, errors);
        if (document is null)
        {
            return RiskAreaResult.Invalid<Created>(errors);
        }

        document = document with
        {
            Name = source.Name,
            Version = next,
            EffectiveDate = request.EffectiveDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? document.EffectiveDate,
        };
        var rulebook = RulebookValidator.Validate(document, errors);
        if (rulebook is null)
        {
            return RiskAreaResult.Invalid<Created>(errors);
        }

        var row = new Policy
        {
            Name = rulebook.Name,
            Version = rulebook.Version,
            EffectiveOn = rulebook.EffectiveDate,
            Rules = RulebookJson.Write(rulebook),
            IsActive = true,
            IsShipped = false,
            CreatedById = me.UserId,
            CreatedAt = clock.UtcNow,
        };
        db.Policies.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            errors.Add("version", $"版本：第 {next} 版刚被他人保存，请重新打开最新版本后再保存");
            return RiskAreaResult.Invalid<Created>(errors);
        }

        return RiskAreaResult.Ok(new Created(row.Id, row.Name, row.Version));
    }
}
