using GridGuard.Features.Households;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Collection;

/// <summary>GET /api/testing-rounds/{id}/tubes/{barcode}: a tube of the round with its members (ID numbers masked).</summary>
public static class GetTube
{
    public sealed record Member(Guid SamplingId, Guid? PersonId, string? Name, string IdNumber, DateTime SampledAt,
        bool Repeat, string Outcome, string OutcomeLabel);

    public sealed record Detail(Guid Id, string Barcode, int PoolSize, string PoolLabel, int Count, string Status,
        string StatusLabel, string? Result, DateTime? ResultAt, IReadOnlyList<Member> Members);

    public static RouteGroupBuilder MapGetTube(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/tubes/{barcode}", HandleAsync).WithName("GetTube").WithSummary("查看采样管及管内人员");
        return group;
    }

    public static async Task<Results<Ok<Detail>, NotFound>> HandleAsync(Guid id, string barcode, AppDbContext db, CurrentUser me,
        CancellationToken ct)
    {
        var detail = await LoadAsync(db, me, id, barcode, ct);
        return detail is null ? TypedResults.NotFound() : TypedResults.Ok(detail);
    }

    public static async Task<Detail?> LoadAsync(AppDbContext db, CurrentUser me, Guid roundId, string barcode, CancellationToken ct)
    {
        var round = await RoundAccess.VisibleAsync(db, me, roundId, ct) is not null;
        var tube = round
            ? await db.Tubes.AsNoTracking().FirstOrDefaultAsync(t => t.RoundId == roundId && t.Barcode == barcode, ct)
            : null;
        if (tube is null)
        {
            return null;
        }

        var members = await db.Samplings.AsNoTracking().Where(s => s.TubeId == tube.Id).OrderBy(s => s.SampledAt).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.PersonId, s.Name, s.IdNumber, s.SampledAt, s.Repeat, s.Outcome })
            .ToListAsync(ct);
        return new Detail(tube.Id, tube.Barcode, tube.PoolSize, MassTestingText.PoolLabel(tube.PoolSize), tube.Count,
            tube.Status.ToString(), tube.Status.Label(), tube.Result?.ToString(), tube.ResultAt,
            members.Select(m => new Member(m.Id, m.PersonId, m.Name, IdNumbers.Mask(m.IdNumber), m.SampledAt, m.Repeat,
                m.Outcome.ToString(), m.Outcome.Label())).ToList());
    }
}
