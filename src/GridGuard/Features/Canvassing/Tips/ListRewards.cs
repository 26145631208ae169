using GridGuard.Features.Jurisdictions;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Canvassing.Tips;

/// <summary>
/// GET /api/rewards?node=&amp;page=&amp;pageSize=: the reward ledger (奖励台账) — rewards reported under the grids of a node
/// (default: all of the user's staff scope), newest first, paged. Recipient phones are masked.
/// </summary>
public static class ListRewards
{
    public sealed record Row(Guid Id, DateTime CreatedAt, DateOnly Date, string RecipientName, string RecipientPhoneMasked, int Amount,
        string Reason, Guid JurisdictionId, string JurisdictionName, Guid? TipId, string? TipReference, Guid? KeyPersonFlagId);

    /// <summary>A node of the ledger, in the user's staff scope.</summary>
    public sealed record Node(Guid Id, string Code, string Name, JurisdictionLevel Level, string Path, int Depth);

    public static RouteGroupBuilder MapListRewards(this RouteGroupBuilder group)
    {
        group.MapGet("/", HandleAsync).WithName("ListRewards").WithSummary("奖励台账明细（按辖区，最新在前，分页；电话脱敏）");
        return group;
    }

    public static async Task<Results<Ok<Paged<Row>>, NotFound>> HandleAsync(Guid? node, int? page, int? pageSize, AppDbContext db,
        CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        Node? n = null;
        if (node is { } id && (n = await NodeAsync(db, me, id, ct)) is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await LoadAsync(db, me, clock, n, page, pageSize, ct));
    }

    /// <summary>The node, when it exists and lies where the user is staff (<see cref="TipText.Staff"/>).</summary>
    public static Task<Node?> NodeAsync(AppDbContext db, CurrentUser me, Guid id, CancellationToken ct) =>
        db.Jurisdictions.AsNoTracking().InScopeOf(me, TipText.Staff)
            .Where(j => j.Id == id)
            .Select(j => new Node(j.Id, j.Code, j.Name, j.Level, j.Path, j.Depth))
            .FirstOrDefaultAsync(ct);

    /// <summary>Rewards in the user's staff scope, under <paramref name="node"/> when given.</summary>
    public static IQueryable<Reward> InLedger(AppDbContext db, CurrentUser me, Node? node)
    {
        var query = db.Rewards.AsNoTracking().InScopeOf(me, TipText.Staff);
        if (node is not null)
        {
            var path = node.Path;
            query = query.Where(r => r.Jurisdiction!.Path.StartsWith(path));
        }

        return query;
    }

    public static async Task<Paged<Row>> LoadAsync(AppDbContext db, CurrentUser me, CountyClock clock, Node? node, int? page,
        int? pageSize, CancellationToken ct)
    {
        var query = InLedger(db, me, node);
        var (p, size) = Paging.Normalize(page, pageSize);
        var total = await query.CountAsync(ct);
        var items = await ProjectAsync(query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Skip((p - 1) * size).Take(size),
            clock, ct);
        return new Paged<Row>(items, total, p, size);
    }

    /// <summary>One reward as a row (no scope check: callers have checked it).</summary>
    public static async Task<Row> RowAsync(AppDbContext db, CountyClock clock, Guid id, CancellationToken ct) =>
        (await ProjectAsync(db.Rewards.AsNoTracking().Where(r => r.Id == id), clock, ct)).Single();

    private static async Task<List<Row>> ProjectAsync(IQueryable<Reward> query, CountyClock clock, CancellationToken ct)
    {
        var rows = await query
            .Select(r => new
            {
                r.Id,
                r.CreatedAt,
                r.RecipientName,
                r.RecipientPhone,
                r.Amount,
                r.Reason,
                r.JurisdictionId,
                GridName = r.Jurisdiction!.Name,
                r.TipId,
                r.KeyPersonFlagId,
            })
            .ToListAsync(ct);
        return rows.Select(r => new Row(r.Id, r.CreatedAt, DateOnly.FromDateTime(clock.ToLocal(r.CreatedAt)),
            r.RecipientName, TipText.MaskPhone(r.RecipientPhone), r.Amount, r.Reason, r.JurisdictionId, r.GridName, r.TipId,
            r.TipId is { } t ? TipReference.Of(t) : null, r.KeyPersonFlagId)).ToList();
    }
}
