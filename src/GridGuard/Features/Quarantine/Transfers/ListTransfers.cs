using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Quarantine.Transfers;

/// <summary>
/// GET /api/quarantine-sites/{id}/transfers: the transfers to or from a site, newest first (at most 500); and
/// GET /api/quarantine-sites/transfers?person=: a person's transfers (for the person's record). Scoped by the person.
/// </summary>
public static class ListTransfers
{
    public const int MaxItems = 500;

    public sealed record Item(Guid Id, Guid PersonId, string PersonName, string From, Guid? FromSiteId, Guid ToSiteId,
        string ToSiteName, string VehiclePlate, bool NegativePressure, string Crew, DateTime DepartedAt, DateTime? ArrivedAt);

    public static RouteGroupBuilder MapListTransfers(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/transfers", SiteAsync)
            .WithName("ListSiteTransfers")
            .WithSummary("隔离点的转运记录（转入与转出，按出发时间倒序）");
        group.MapGet("/transfers", PersonAsync)
            .WithName("ListPersonTransfers")
            .WithSummary("某人的转运记录（按出发时间倒序）");
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<Item>>, NotFound>> SiteAsync(Guid id, AppDbContext db,
        CurrentUser me, CancellationToken ct)
    {
        if (!await db.QuarantineSites.AsNoTracking().InScopeOf(me).AnyAsync(s => s.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await ForSiteAsync(db, me, id, ct));
    }

    public static async Task<Ok<IReadOnlyList<Item>>> PersonAsync(Guid person, AppDbContext db, CurrentUser me,
        CancellationToken ct) => TypedResults.Ok(await LoadAsync(db, me, t => t.PersonId == person, ct));

    public static Task<IReadOnlyList<Item>> ForSiteAsync(AppDbContext db, CurrentUser me, Guid siteId, CancellationToken ct) =>
        LoadAsync(db, me, t => t.ToSiteId == siteId || t.FromSiteId == siteId, ct);

    public static async Task<IReadOnlyList<Item>> LoadAsync(AppDbContext db, CurrentUser me,
        System.Linq.Expressions.Expression<Func<Transfer, bool>> filter, CancellationToken ct)
    {
        var rows = await db.Transfers.AsNoTracking().InScopeOf(me).Where(filter)
            .OrderByDescending(t => t.DepartedAt).ThenByDescending(t => t.Id)
            .Take(MaxItems)
            .Select(t => new
            {
                t.Id,
                t.PersonId,
                PersonName = t.Person!.Name,
                t.FromAddress,
                t.FromSiteId,
                FromSiteName = db.QuarantineSites.Where(s => s.Id == t.FromSiteId).Select(s => s.Name).FirstOrDefault(),
                t.ToSiteId,
                ToSiteName = db.QuarantineSites.Where(s => s.Id == t.ToSiteId).Select(s => s.Name).FirstOrDefault(),
                t.VehiclePlate,
                t.NegativePressure,
                t.Crew,
                t.DepartedAt,
                t.ArrivedAt,
            })
            .ToListAsync(ct);
        return rows.Select(r => new Item(r.Id, r.PersonId, r.PersonName,
                r.FromSiteName is { } fs ? "隔离点：" + fs : r.FromAddress ?? "", r.FromSiteId, r.ToSiteId,
                r.ToSiteName ?? "", r.VehiclePlate, r.NegativePressure, r.Crew, r.DepartedAt, r.ArrivedAt))
            .ToList();
    }
}
