using GridGuard.Features.Canvassing.Tips;
using GridGuard.Features.Households;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.ControlPlans.Arrivals;

/// <summary>GET /api/arrivals/{id}: one report in the user's scope (staff roles), identity number masked, with its stays and plans.</summary>
public static class GetArrival
{
    public sealed record StayRow(string PlaceCode, string? PlaceName, string? SubArea, DateOnly From, DateOnly To);

    public sealed record PlanRef(Guid Id, string Status, string StatusLabel, string? RuleId, DateTime CreatedAt);

    public sealed record Detail(Guid Id, string Reference, string Name, string IdType, string IdNumberMasked, string Phone,
        Guid JurisdictionId, string JurisdictionName, string StayAddress, string? FromPlaceCode, string FromPlaceName,
        DateOnly DepartedOn, DateOnly ArrivedOn, DateOnly? TestDate, bool? TestNegative, Guid? PersonId, bool FiledByStaff,
        string Status, string StatusLabel, DateTime CreatedAt, IReadOnlyList<StayRow> Stays, IReadOnlyList<PlanRef> Plans);

    public static RouteGroupBuilder MapGetArrival(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", HandleAsync).WithName("GetArrival").WithSummary("返乡报备详情（证件号码脱敏，含旅居史和管控计划）");
        return group;
    }

    public static async Task<Results<Ok<Detail>, NotFound>> HandleAsync(Guid id, AppDbContext db, CurrentUser me, CancellationToken ct) =>
        await LoadAsync(db, me, id, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    public static async Task<Detail?> LoadAsync(AppDbContext db, CurrentUser me, Guid id, CancellationToken ct)
    {
        var row = await db.ArrivalReports.AsNoTracking().InScopeOf(me, PlanText.Staff).Include(r => r.Stays)
            .Where(r => r.Id == id)
            .Select(r => new { Report = r, JurisdictionName = r.Jurisdiction!.Name })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var r = row.Report;
        var plans = await db.ControlPlans.AsNoTracking()
            .Where(p => p.Source == PlanSource.ArrivalReport && p.SourceId == r.Id)
            .OrderByDescending(p => p.CreatedAt)
            .Select(p => new { p.Id, p.Status, p.RuleId, p.CreatedAt })
            .ToListAsync(ct);
        return new Detail(r.Id, TipReference.Of(r.Id), r.Name, r.IdType.Label(), IdNumbers.Mask(r.IdNumber), r.Phone, r.JurisdictionId,
            row.JurisdictionName, r.StayAddress, r.FromPlaceCode, r.FromPlaceName, r.DepartedOn, r.ArrivedOn, r.TestDate, r.TestNegative,
            r.PersonId, r.FiledById is not null, r.Status.ToString(), r.Status.Label(), r.CreatedAt,
            [.. r.Stays.OrderBy(s => s.From).Select(s => new StayRow(s.PlaceCode, s.PlaceName, s.SubArea, s.From, s.To))],
            [.. plans.Select(p => new PlanRef(p.Id, p.Status.ToString(), p.Status.Label(), p.RuleId, p.CreatedAt))]);
    }
}
