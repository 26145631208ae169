using GridGuard.Features.Canvassing;
using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Monitoring.Tasks;

/// <summary>
/// POST /api/tasks/{id}/dispatch: the car of a referral (转诊) is on its way — destination (fever clinic or designated
/// hospital), vehicle and crew. The person never travels alone (002, 004), so the crew is required. Audited.
/// </summary>
public static class DispatchReferral
{
    public sealed class Request
    {
        public string? Destination { get; set; }

        public string? Vehicle { get; set; }

        public string? Crew { get; set; }
    }

    public static RouteGroupBuilder MapDispatchReferral(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/dispatch", HandleAsync).WithName("DispatchReferral").WithSummary("登记转诊派车：目的地、车辆、随车人员");
        return group;
    }

    public static async Task<Results<Ok<GetTask.Detail>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(Guid id, Request request,
        AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var outcome = await ExecuteAsync(db, me, clock, id, request, ct);
        return outcome.Kind switch
        {
            OutcomeKind.Ok => TypedResults.Ok(outcome.Value),
            OutcomeKind.Invalid => TypedResults.ValidationProblem(outcome.Errors, title: "派车信息有误，未保存"),
            OutcomeKind.Forbidden => TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status409Conflict, title: "无法派车"),
            _ => TypedResults.NotFound(),
        };
    }

    public static async Task<Outcome<GetTask.Detail>> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid id, Request request,
        CancellationToken ct)
    {
        var task = await ListTasks.Visible(db.WorkTasks, me).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null || me.UserId is not { } userId)
        {
            return Outcome<GetTask.Detail>.NotFound();
        }

        if (task.Kind != WorkTaskKind.Referral || task.Status != WorkTaskStatus.Open)
        {
            return Outcome<GetTask.Detail>.Forbidden("只能为未完成的转诊任务派车");
        }

        var errors = new FieldErrors();
        var destination = Fields.ParseEnum(request.Destination, MonitoringText.Label, ReferralDestination.FeverClinic, true, "destination",
            "目的地", errors);
        var vehicle = Fields.Text(request.Vehicle, WorkTask.VehicleMaxLength, "vehicle", "车辆", errors);
        var crew = Fields.Text(request.Crew, WorkTask.CrewMaxLength, "crew", "随车人员", errors);
        if (vehicle is null && !errors.ToDictionary().ContainsKey("vehicle"))
        {
            errors.Add("vehicle", "车辆：不能为空（专车转运）");
        }

        if (crew is null && !errors.ToDictionary().ContainsKey("crew"))
        {
            errors.Add("crew", "随车人员：不能为空（不得单独前往）");
        }

        if (errors.Any)
        {
            return Outcome<GetTask.Detail>.Invalid(errors.ToDictionary());
        }

        task.Destination = destination;
        task.Vehicle = vehicle;
        task.Crew = crew;
        task.DispatchedAt = clock.UtcNow;
        task.DispatchedById = userId;
        await db.SaveChangesAsync(ct);
        return Outcome<GetTask.Detail>.Ok((await GetTask.LoadAsync(db, me, id, ct))!);
    }
}
