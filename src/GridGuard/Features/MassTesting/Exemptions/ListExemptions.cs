using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Exemptions;

/// <summary>
/// GET /api/testing-rounds/{roundId}/exemptions?node=: the exempted members of a round in the user's scope (under a
/// node when given), by node and name, with kind, reason and when. 404 when the user has no member of the round in
/// scope, or the node is unknown or outside scope.
/// </summary>
public static class ListExemptions
{
    public const int MaxItems = 500;

    public sealed record Item(Guid PersonId, string Name, string MaskedId, string NodeName, ExemptionKind Kind,
        string KindLabel, string? Reason, DateTime? ExemptedAt, bool Sampled);

    public sealed record Response(Guid RoundId, string RoundName, string? NodeName, int Total, IReadOnlyList<Item> Items);

    public static RouteGroupBuilder MapListExemptions(this RouteGroupBuilder group)
    {
        group.MapGet("/{roundId:guid}/exemptions", HandleAsync)
            .WithName("ListExemptions")
            .WithSummary("本轮筛查的免检人员（可按辖区筛选）");
        return group;
    }

    public static async Task<Results<Ok<Response>, NotFound>> HandleAsync(Guid roundId, Guid? node, AppDbContext db,
        CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await RunAsync(db, me, clock, roundId, node, ct);
        return result is null ? TypedResults.NotFound() : TypedResults.Ok(result);
    }

    /// <summary>Shared with the page. Null when nothing of the round, or the node, is in the user's scope.</summary>
    public static async Task<Response?> RunAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid roundId,
        Guid? nodeId, CancellationToken ct)
    {
        var members = db.RoundMembers.AsNoTracking().InScopeOf(me).Where(m => m.RoundId == roundId);
        if (!await members.AnyAsync(ct))
        {
            return null;
        }

        string? nodeName = null;
        if (nodeId is { } nid)
        {
            var node = await db.Jurisdictions.AsNoTracking().InScopeOf(me).Where(j => j.Id == nid)
                .Select(j => new { j.Name, j.Path }).FirstOrDefaultAsync(ct);
            if (node is null)
            {
                return null;
            }

            nodeName = node.Name;
            var path = node.Path;
            members = members.Where(m => m.Jurisdiction!.Path.StartsWith(path));
        }

        var roundName = await db.MassTestingRounds.AsNoTracking().Where(r => r.Id == roundId).Select(r => r.Name).FirstAsync(ct);
        var exempt = members.Where(m => m.Exemption != null);
        var total = await exempt.CountAsync(ct);
        var rows = await exempt.OrderBy(m => m.Jurisdiction!.Path).ThenBy(m => m.Person!.Name).ThenBy(m => m.PersonId)
            .Take(MaxItems)
            .Select(m => new
            {
                m.PersonId,
                m.Person!.Name,
                m.Person.IdNumber,
                NodeName = m.Jurisdiction!.Name,
                m.Exemption,
                m.ExemptionReason,
                m.ExemptedAt,
                m.FirstSampledAt,
            })
            .ToListAsync(ct);
        var items = rows.Select(r => new Item(r.PersonId, r.Name, IdNumbers.Mask(r.IdNumber), r.NodeName, r.Exemption!.Value,
            r.Exemption.Value.Label(), r.ExemptionReason, r.ExemptedAt is { } at ? clock.ToLocal(at) : null,
            r.FirstSampledAt is not null)).ToList();
        return new Response(roundId, roundName, nodeName, total, items);
    }
}
