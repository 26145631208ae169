using GridGuard.Features.Canvassing.Visits;
using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Canvassing;

/// <summary>
/// POST /api/canvassing/flags: flags a person in scope as a key person (重点人员) with a category, and a risk level for
/// returnees. An open flag of the same category is not repeated: the existing one is returned (200).
/// </summary>
public static class FlagKeyPerson
{
    public sealed record Request(Guid PersonId, string? Category, string? RiskLevel, string? Note);

    public static RouteGroupBuilder MapFlagKeyPerson(this RouteGroupBuilder group)
    {
        group.MapPost("/flags", HandleAsync).WithName("FlagKeyPerson").WithSummary("标记重点人员（类别；返乡人员可填风险等级）");
        return group;
    }

    public static async Task<Results<Created<ListFlags.Row>, Ok<ListFlags.Row>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Request request, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var outcome = await ExecuteAsync(db, me, clock, request, ct);
        return outcome.Kind switch
        {
            OutcomeKind.Ok when outcome.Value!.Created => TypedResults.Created($"/api/canvassing/flags?jurisdictionId={outcome.Value.Row.JurisdictionId}", outcome.Value.Row),
            OutcomeKind.Ok => TypedResults.Ok(outcome.Value!.Row),
            OutcomeKind.Invalid => TypedResults.ValidationProblem(outcome.Errors, title: "重点人员标记有误"),
            OutcomeKind.Forbidden => TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status403Forbidden, title: "无权操作"),
            _ => TypedResults.NotFound(),
        };
    }

    public sealed record Flagged(ListFlags.Row Row, bool Created);

    public static async Task<Outcome<Flagged>> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock, Request request,
        CancellationToken ct)
    {
        var person = await db.Persons.AsNoTracking().InScopeOf(me)
            .Where(p => p.Id == request.PersonId)
            .Select(p => new { p.Id, p.JurisdictionId, p.Jurisdiction!.Path })
            .FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return Outcome<Flagged>.NotFound();
        }

        if (!me.HoldsAt(person.Path, RoleNames.Visitors) || me.UserId is not { } userId)
        {
            return Outcome<Flagged>.Forbidden("您没有标记重点人员的权限");
        }

        var errors = new FieldErrors();
        var parsed = VisitRules.ParseFlag(new FlagInput(request.Category, request.RiskLevel, request.Note), "", "", errors);
        if (parsed is null && !errors.Any)
        {
            errors.Add("category", "重点人员类别：不能为空");
        }

        if (errors.Any)
        {
            return Outcome<Flagged>.Invalid(errors.ToDictionary());
        }

        var existing = await db.KeyPersonFlags.AsNoTracking()
            .Where(f => f.PersonId == person.Id && f.Category == parsed!.Category && f.Status != FlagStatus.Cleared)
            .Select(f => f.Id)
            .FirstOrDefaultAsync(ct);
        if (existing != Guid.Empty)
        {
            return Outcome<Flagged>.Ok(new Flagged((await ListFlags.RowAsync(db, existing, ct))!, Created: false));
        }

        var flag = new KeyPersonFlag
        {
            PersonId = person.Id,
            Category = parsed!.Category,
            RiskLevel = parsed.RiskLevel,
            JurisdictionId = person.JurisdictionId,
            Source = FlagSource.Manual,
            Status = FlagStatus.Open,
            Note = parsed.Note,
            FlaggedById = userId,
            FlaggedAt = clock.UtcNow,
        };
        db.KeyPersonFlags.Add(flag);
        await db.SaveChangesAsync(ct);
        return Outcome<Flagged>.Ok(new Flagged((await ListFlags.RowAsync(db, flag.Id, ct))!, Created: true));
    }
}
