using GridGuard.Features.Canvassing;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Monitoring.Checks;

/// <summary>GET /api/plans/{id}/checks: the plan's health checks, newest first (the plan must be in the user's scope).</summary>
public static class ListHealthChecks
{
    public const int Max = 200;

    public sealed record Row(Guid Id, double Temperature, IReadOnlyList<string> Symptoms, IReadOnlyList<string> SymptomLabels, bool Abnormal,
        string CheckedBy, DateTime CheckedAt, string? Note);

    public static RouteGroupBuilder MapListHealthChecks(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/checks", HandleAsync).WithName("ListHealthChecks").WithSummary("管控计划的健康监测记录（最新在前）");
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<Row>>, NotFound>> HandleAsync(Guid id, AppDbContext db, CurrentUser me, CancellationToken ct) =>
        await LoadAsync(db, me, id, ct) is { } rows ? TypedResults.Ok(rows) : TypedResults.NotFound();

    /// <summary>Null when the plan is not in the user's scope.</summary>
    public static async Task<IReadOnlyList<Row>?> LoadAsync(AppDbContext db, CurrentUser me, Guid planId, CancellationToken ct)
    {
        var viewers = new HashSet<Role>(MonitoringText.Checkers.Concat(GridGuard.Features.ControlPlans.PlanText.Staff));
        if (!await db.ControlPlans.AsNoTracking().InScopeOf(me, viewers).AnyAsync(p => p.Id == planId, ct))
        {
            return null;
        }

        var rows = await db.HealthChecks.AsNoTracking().InScopeOf(me, viewers)
            .Where(c => c.ControlPlanId == planId)
            .OrderByDescending(c => c.CheckedAt).ThenByDescending(c => c.Id)
            .Take(Max)
            .Select(c => new { c.Id, c.Temperature, c.Symptoms, c.Abnormal, CheckedBy = c.CheckedBy!.DisplayName, c.CheckedAt, c.Note })
            .ToListAsync(ct);
        return [.. rows.Select(c =>
        {
            var names = c.Symptoms.Split(',', StringSplitOptions.RemoveEmptyEntries);
            var labels = names.Select(n => Enum.TryParse<Symptom>(n, out var s) ? s.Label() : n).ToList();
            return new Row(c.Id, c.Temperature, names, labels, c.Abnormal, c.CheckedBy, c.CheckedAt, c.Note);
        })];
    }
}
