using GridGuard.Features.Households;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Canvassing;

/// <summary>
/// GET /api/canvassing/flags?jurisdictionId=&amp;category=&amp;status=&amp;page=: key-person flags in scope (or under one node
/// in scope), newest first, paged. Identity numbers are masked.
/// </summary>
public static class ListFlags
{
    public sealed record Row(Guid Id, Guid PersonId, string PersonName, string IdNumberMasked, string Category, string CategoryLabel,
        string? RiskLevel, string Status, string StatusLabel, string Source, string SourceLabel, Guid? SourceId,
        Guid JurisdictionId, string JurisdictionName, DateTime FlaggedAt, string? Note);

    public static RouteGroupBuilder MapListFlags(this RouteGroupBuilder group)
    {
        group.MapGet("/flags", HandleAsync).WithName("ListFlags").WithSummary("重点人员标记列表（按辖区、类别、状态筛选，分页）");
        return group;
    }

    public static async Task<Results<Ok<Paged<Row>>, ValidationProblem, NotFound>> HandleAsync(Guid? jurisdictionId, string? category,
        string? status, int? page, int? pageSize, AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var errors = new FieldErrors();
        KeyPersonCategory? c = null;
        if (!string.IsNullOrWhiteSpace(category))
        {
            if (Fields.TryParse(category, CanvassingLabels.Label, out KeyPersonCategory parsed))
            {
                c = parsed;
            }
            else
            {
                errors.Add("category", $"类别：“{category}”无效，应为 {CanvassingLabels.Names<KeyPersonCategory>()} 之一");
            }
        }

        FlagStatus? s = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Fields.TryParse(status, CanvassingLabels.Label, out FlagStatus parsed))
            {
                s = parsed;
            }
            else
            {
                errors.Add("status", $"状态：“{status}”无效，应为 {CanvassingLabels.Names<FlagStatus>()} 之一");
            }
        }

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "筛选条件有误");
        }

        var query = db.KeyPersonFlags.AsNoTracking().InScopeOf(me);
        if (jurisdictionId is { } nodeId)
        {
            var path = await db.Jurisdictions.AsNoTracking().InScopeOf(me)
                .Where(j => j.Id == nodeId).Select(j => j.Path).FirstOrDefaultAsync(ct);
            if (path is null)
            {
                return TypedResults.NotFound();
            }

            query = query.Where(f => f.Jurisdiction!.Path.StartsWith(path));
        }

        if (c is { } cat)
        {
            query = query.Where(f => f.Category == cat);
        }

        if (s is { } st)
        {
            query = query.Where(f => f.Status == st);
        }

        var (p, size) = Paging.Normalize(page, pageSize);
        var total = await query.CountAsync(ct);
        var items = await Project(query.OrderByDescending(f => f.FlaggedAt).ThenByDescending(f => f.Id)
            .Skip((p - 1) * size).Take(size), ct);
        return TypedResults.Ok(new Paged<Row>(items, total, p, size));
    }

    /// <summary>One flag as a row (no scope check: callers have checked it).</summary>
    public static async Task<Row?> RowAsync(AppDbContext db, Guid flagId, CancellationToken ct) =>
        (await Project(db.KeyPersonFlags.AsNoTracking().Where(f => f.Id == flagId), ct)).FirstOrDefault();

    private static async Task<List<Row>> Project(IQueryable<KeyPersonFlag> query, CancellationToken ct)
    {
        var rows = await query
            .Select(f => new
            {
                f.Id,
                f.PersonId,
                f.Person!.Name,
                f.Person.IdNumber,
                f.Category,
                f.RiskLevel,
                f.Status,
                f.Source,
                f.SourceId,
                f.JurisdictionId,
                JurisdictionName = f.Jurisdiction!.Name,
                f.FlaggedAt,
                f.Note,
            })
            .ToListAsync(ct);
        return rows.Select(f => new Row(f.Id, f.PersonId, f.Name, IdNumbers.Mask(f.IdNumber), f.Category.ToString(), f.Category.Label(),
            f.RiskLevel?.ToString(), f.Status.ToString(), f.Status.Label(), f.Source.ToString(), f.Source.Label(), f.SourceId,
            f.JurisdictionId, f.JurisdictionName, f.FlaggedAt, f.Note)).ToList();
    }
}
