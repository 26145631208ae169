using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Canvassing.Tips;

/// <summary>
/// GET /api/rewards/recipients?node=&amp;page=&amp;pageSize=: the ledger per recipient — rewards grouped by phone (by name
/// when no phone was left), with count and total, largest total first. Phones are masked.
/// </summary>
public static class ListRewardRecipients
{
    public sealed record Row(string RecipientName, string RecipientPhoneMasked, int Count, int Amount, DateTime LastAt);

    public static RouteGroupBuilder MapListRewardRecipients(this RouteGroupBuilder group)
    {
        group.MapGet("/recipients", HandleAsync).WithName("ListRewardRecipients")
            .WithSummary("奖励台账按领取人汇总（按电话，无电话按姓名；电话脱敏）");
        return group;
    }

    public static async Task<Results<Ok<Paged<Row>>, NotFound>> HandleAsync(Guid? node, int? page, int? pageSize, AppDbContext db,
        CurrentUser me, CancellationToken ct)
    {
        ListRewards.Node? n = null;
        if (node is { } id && (n = await ListRewards.NodeAsync(db, me, id, ct)) is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await LoadAsync(db, me, n, page, pageSize, ct));
    }

    public static async Task<Paged<Row>> LoadAsync(AppDbContext db, CurrentUser me, ListRewards.Node? node, int? page, int? pageSize,
        CancellationToken ct)
    {
        var groups = ListRewards.InLedger(db, me, node)
            .GroupBy(r => new { Phone = r.RecipientPhone ?? "", Name = r.RecipientPhone == null ? r.RecipientName : "" })
            .Select(g => new
            {
                g.Key.Phone,
                Name = g.Max(r => r.RecipientName),
                Count = g.Count(),
                Amount = g.Sum(r => r.Amount),
                LastAt = g.Max(r => r.CreatedAt),
            });
        var (p, size) = Paging.Normalize(page, pageSize);
        var total = await groups.CountAsync(ct);
        var rows = await groups
            .OrderByDescending(g => g.Amount).ThenByDescending(g => g.LastAt).ThenBy(g => g.Phone).ThenBy(g => g.Name)
            .Skip((p - 1) * size).Take(size)
            .ToListAsync(ct);
        return new Paged<Row>(rows.Select(g => new Row(g.Name ?? "", TipText.MaskPhone(g.Phone), g.Count, g.Amount, g.LastAt)).ToList(),
            total, p, size);
    }
}
