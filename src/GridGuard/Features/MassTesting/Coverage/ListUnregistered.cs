using GridGuard.Features.Households;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Coverage;

/// <summary>
/// GET /api/testing-rounds/{id}/unregistered?node=: the reconciliation list (DOMAIN.md §7) — persons sampled by an ID
/// number that is not in the registry, at the site's node, for the grid to register. A number sampled again after it was
/// registered drops off the list. ID numbers masked.
/// </summary>
public static class ListUnregistered
{
    public const int MaxRows = 500;

    public sealed record Item(Guid SamplingId, string? Name, string IdNumber, DateTime SampledAt, string Tube, string NodeName,
        bool RegisteredSince);

    public static RouteGroupBuilder MapListUnregistered(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/unregistered", HandleAsync).WithName("ListUnregistered")
            .WithSummary("待核对名单：按身份证号采样但未在人口库登记的人员");
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<Item>>, NotFound>> HandleAsync(Guid id, Guid? node, AppDbContext db,
        CurrentUser me, CancellationToken ct)
    {
        var items = await LoadAsync(db, me, id, node, ct);
        return items is null ? TypedResults.NotFound() : TypedResults.Ok(items);
    }

    public static async Task<IReadOnlyList<Item>?> LoadAsync(AppDbContext db, CurrentUser me, Guid roundId, Guid? nodeId,
        CancellationToken ct)
    {
        var round = await RoundAccess.VisibleAsync(db, me, roundId, ct);
        var at = round is null ? null : await RoundAccess.NodeAsync(db, me, round, nodeId, ct);
        if (round is null || at is null)
        {
            return null;
        }

        var rows = await db.Samplings.AsNoTracking().InScopeOf(me)
            .Where(s => s.RoundId == roundId && s.PersonId == null && s.Jurisdiction!.Path.StartsWith(at.Path))
            .OrderBy(s => s.SampledAt).Take(MaxRows)
            .Select(s => new
            {
                s.Id,
                s.Name,
                s.IdNumber,
                s.SampledAt,
                s.Tube!.Barcode,
                NodeName = s.Jurisdiction!.Name,
                Registered = db.Persons.Any(p => p.IdType == IdType.ResidentIdCard && p.IdNumber == s.IdNumber),
            })
            .ToListAsync(ct);
        return rows.Select(r => new Item(r.Id, r.Name, IdNumbers.Mask(r.IdNumber), r.SampledAt, r.Barcode, r.NodeName, r.Registered))
            .ToList();
    }
}
