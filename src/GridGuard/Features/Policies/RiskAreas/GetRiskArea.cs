using GridGuard.Platform;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Policies.RiskAreas;

/// <summary>GET /api/risk-areas/{id}: one risk area.</summary>
public static class GetRiskArea
{
    public static RouteGroupBuilder MapGetRiskArea(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", HandleAsync).WithName("GetRiskArea").WithSummary("查看一条风险地区");
        return group;
    }

    public static async Task<Results<Ok<ListRiskAreas.Row>, NotFound>> HandleAsync(Guid id, AppDbContext db, CountyClock clock,
        CancellationToken ct) =>
        await LoadAsync(db, id, clock.Today, ct) is { } row ? TypedResults.Ok(row) : TypedResults.NotFound();

    public static async Task<ListRiskAreas.Row?> LoadAsync(AppDbContext db, Guid id, DateOnly today, CancellationToken ct) =>
        await db.RiskAreas.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) is { } area
            ? ListRiskAreas.ToRow(area, today)
            : null;
}
