using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Canvassing.Tips;

/// <summary>
/// GET /api/tips?status=&amp;reference=&amp;page=&amp;pageSize=: tips filed in the villages where the user is staff
/// (<see cref="TipText.Staff"/>), newest first, paged; filtered by status (New, Confirmed, Rejected) or by the
/// reference number a tipster quotes. Tipster phones are masked in the list.
/// </summary>
public static class ListTips
{
    public const int SummaryLength = 60;

    public sealed record Row(Guid Id, string Reference, DateTime CreatedAt, string Status, string StatusLabel,
        Guid? JurisdictionId, string? JurisdictionName, string? SubjectName, string? SubjectAddress, string Summary,
        string? TipsterName, string TipsterPhoneMasked);

    public static RouteGroupBuilder MapListTips(this RouteGroupBuilder group)
    {
        group.MapGet("/", HandleAsync).WithName("ListTips").WithSummary("线索列表（本人辖区；按状态、编号筛选，最新在前，分页）");
        return group;
    }

    public static async Task<Results<Ok<Paged<Row>>, ValidationProblem>> HandleAsync(string? status, string? reference, int? page,
        int? pageSize, AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var errors = new Households.FieldErrors();
        TipStatus? s = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Fields.TryParse(status, TipText.Label, out TipStatus parsed))
            {
                s = parsed;
            }
            else
            {
                errors.Add("status", $"状态：“{status}”无效，应为 {CanvassingLabels.Names<TipStatus>()} 之一");
            }
        }

        if (!string.IsNullOrWhiteSpace(reference) && TipReference.Normalize(reference) is null)
        {
            errors.Add("reference", $"编号：“{reference}”无效，应为 {TipReference.Digits} 位编号，如 A1B2-C3D4");
        }

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "筛选条件有误");
        }

        return TypedResults.Ok(await LoadAsync(db, me, s, reference, page, pageSize, ct));
    }

    /// <summary>Shared with the page; a reference that is not one matches nothing.</summary>
    public static async Task<Paged<Row>> LoadAsync(AppDbContext db, CurrentUser me, TipStatus? status, string? reference,
        int? page, int? pageSize, CancellationToken ct)
    {
        var query = db.Tips.AsNoTracking().InScopeOf(me, TipText.Staff);
        if (status is { } s)
        {
            query = query.Where(t => t.Status == s);
        }

        if (!string.IsNullOrWhiteSpace(reference))
        {
            // The id's text is upper-case on SQLite and lower-case on PostgreSQL.
            var lower = TipReference.Normalize(reference) ?? "-";
            var upper = lower.ToUpperInvariant();
            query = query.Where(t => t.Id.ToString().EndsWith(lower) || t.Id.ToString().EndsWith(upper));
        }

        var (p, size) = Paging.Normalize(page, pageSize);
        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Skip((p - 1) * size).Take(size)
            .Select(t => new
            {
                t.Id,
                t.CreatedAt,
                t.Status,
                t.JurisdictionId,
                JurisdictionName = t.Jurisdiction == null ? null : t.Jurisdiction.Name,
                t.SubjectName,
                t.SubjectAddress,
                t.Content,
                t.TipsterName,
                t.TipsterPhone,
            })
            .ToListAsync(ct);
        var items = rows.Select(t => new Row(t.Id, TipReference.Of(t.Id), t.CreatedAt, t.Status.ToString(), t.Status.Label(),
            t.JurisdictionId, t.JurisdictionName, t.SubjectName, t.SubjectAddress,
            t.Content.Length <= SummaryLength ? t.Content : t.Content[..SummaryLength] + "…",
            t.TipsterName, TipText.MaskPhone(t.TipsterPhone))).ToList();
        return new Paged<Row>(items, total, p, size);
    }
}
