using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Monitoring.Tasks;

/// <summary>GET /api/tasks/{id}: one task the user sees (see <see cref="ListTasks.Visible"/>), with the check behind a referral.</summary>
public static class GetTask
{
    public sealed record Detail(Guid Id, string Kind, string KindLabel, Guid PersonId, string PersonName, string? PersonPhone,
        Guid? ControlPlanId, Guid JurisdictionId, string JurisdictionName, DateTime DueAt, string Status, string StatusLabel,
        DateTime? EscalatedAt, double? CheckTemperature, string? CheckSymptoms, DateOnly? TestDue, string? Destination,
        string? DestinationLabel, string? Vehicle, string? Crew, DateTime? DispatchedAt, string? Note, string? ClosedBy, DateTime? ClosedAt);

    public static RouteGroupBuilder MapGetTask(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", HandleAsync).WithName("GetTask").WithSummary("任务详情");
        return group;
    }

    public static async Task<Results<Ok<Detail>, NotFound>> HandleAsync(Guid id, AppDbContext db, CurrentUser me, CancellationToken ct) =>
        await LoadAsync(db, me, id, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    public static async Task<Detail?> LoadAsync(AppDbContext db, CurrentUser me, Guid id, CancellationToken ct)
    {
        var t = await ListTasks.Visible(db.WorkTasks.AsNoTracking(), me)
            .Where(t => t.Id == id)
            .Select(t => new
            {
                Task = t,
                PersonName = t.Person!.Name,
                PersonPhone = t.Person.Phone,
                JurisdictionName = t.Jurisdiction!.Name,
                ClosedBy = t.ClosedBy != null ? t.ClosedBy.DisplayName : null,
                Check = db.HealthChecks.Where(c => c.Id == t.HealthCheckId).Select(c => new { c.Temperature, c.Symptoms }).FirstOrDefault(),
                TestDue = db.PlanTests.Where(x => x.Id == t.PlanTestId).Select(x => (DateOnly?)x.Due).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (t is null)
        {
            return null;
        }

        var w = t.Task;
        var symptoms = t.Check is null ? null : string.Join("、", t.Check.Symptoms.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => Enum.TryParse<GridGuard.Features.Canvassing.Symptom>(s, out var x) ? GridGuard.Features.Canvassing.CanvassingLabels.Label(x) : s));
        return new Detail(w.Id, w.Kind.ToString(), w.Kind.Label(), w.PersonId, t.PersonName, t.PersonPhone, w.ControlPlanId, w.JurisdictionId,
            t.JurisdictionName, w.DueAt, w.Status.ToString(), w.Status.Label(), w.EscalatedAt, t.Check?.Temperature, symptoms, t.TestDue,
            w.Destination?.ToString(), w.Destination?.Label(), w.Vehicle, w.Crew, w.DispatchedAt, w.Note, t.ClosedBy, w.ClosedAt);
    }
}
