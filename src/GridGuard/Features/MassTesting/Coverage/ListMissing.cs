using GridGuard.Features.Households;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Coverage;

/// <summary>
/// GET /api/testing-rounds/{id}/missing?node=&amp;after=&amp;limit=: the persons of a node (a grid, usually) not yet
/// sampled in the round, with phone, steward and exemption, so that a steward can call down the list. Members whose
/// sample came back invalid are listed again. Through the scope helper; ID numbers masked; keyset-paged by person id.
/// </summary>
public static class ListMissing
{
    public const int DefaultLimit = 200;
    public const int MaxLimit = 500;

    public sealed record Item(Guid PersonId, string Name, string IdNumber, string? Phone, string? Address, string? Steward,
        string? StewardPhone, Guid NodeId, string NodeName, string? Exemption, string? ExemptionLabel, string? ExemptionReason,
        bool Resample);

    public sealed record Page(Guid NodeId, string NodeName, IReadOnlyList<Item> Items, Guid? Next);

    public static RouteGroupBuilder MapListMissing(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/missing", HandleAsync).WithName("ListMissing")
            .WithSummary("未采样人员名单（含电话、包户责任人、免检情况），供网格逐一电话通知");
        return group;
    }

    public static async Task<Results<Ok<Page>, NotFound>> HandleAsync(Guid id, Guid? node, Guid? after, int? limit,
        AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var page = await LoadAsync(db, me, id, node, after, limit, ct);
        return page is null ? TypedResults.NotFound() : TypedResults.Ok(page);
    }

    public static async Task<Page?> LoadAsync(AppDbContext db, CurrentUser me, Guid roundId, Guid? nodeId, Guid? after,
        int? limit, CancellationToken ct)
    {
        var at = await NodeAsync(db, me, roundId, nodeId, ct);
        return at is null ? null : await PageAsync(db, me, roundId, at, after, limit, ct);
    }

    /// <summary>The node whose list is asked for, or null when the round or the node is not visible to the user.</summary>
    public static async Task<Jurisdictions.Jurisdiction?> NodeAsync(AppDbContext db, CurrentUser me, Guid roundId, Guid? nodeId,
        CancellationToken ct)
    {
        var round = await RoundAccess.VisibleAsync(db, me, roundId, ct);
        return round is null ? null : await RoundAccess.NodeAsync(db, me, round, nodeId, ct);
    }

    /// <summary>One page of the list at a node <see cref="NodeAsync"/> found (the export reads every page with one look-up of it).</summary>
    public static async Task<Page> PageAsync(AppDbContext db, CurrentUser me, Guid roundId, Jurisdictions.Jurisdiction at,
        Guid? after, int? limit, CancellationToken ct)
    {
        var take = Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);
        var query = db.RoundMembers.AsNoTracking().InScopeOf(me)
            .Where(m => m.RoundId == roundId && m.FirstSampledAt == null && m.Jurisdiction!.Path.StartsWith(at.Path));
        if (after is { } a)
        {
            query = query.Where(m => m.PersonId.CompareTo(a) > 0);
        }

        var rows = await query.OrderBy(m => m.PersonId).Take(take + 1)
            .Select(m => new
            {
                m.PersonId,
                m.Person!.Name,
                m.Person.IdNumber,
                m.Person.Phone,
                Address = m.Person.Household!.Address,
                Steward = m.Person.Household.Steward != null ? m.Person.Household.Steward.DisplayName : null,
                StewardPhone = m.Person.Household.Steward != null ? m.Person.Household.Steward.PhoneNumber : null,
                m.JurisdictionId,
                NodeName = m.Jurisdiction!.Name,
                m.Exemption,
                m.ExemptionReason,
                m.Outcome,
            })
            .ToListAsync(ct);
        var items = rows.Take(take).Select(r => new Item(r.PersonId, r.Name, IdNumbers.Mask(r.IdNumber), r.Phone, r.Address,
            r.Steward, r.StewardPhone, r.JurisdictionId, r.NodeName, r.Exemption?.ToString(), r.Exemption?.Label(), r.ExemptionReason,
            r.Outcome == SamplingOutcome.Invalid)).ToList();
        return new Page(at.Id, at.Name, items, rows.Count > take ? items[^1].PersonId : null);
    }
}
