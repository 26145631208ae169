using GridGuard.Features.Canvassing;
using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Monitoring.Tasks;

/// <summary>POST /api/tasks/{id}/close: the work is done — who closed it and when, with an optional note. Audited.</summary>
public static class CloseTask
{
    public sealed class Request
    {
        public string? Note { get; set; }
    }

    public static RouteGroupBuilder MapCloseTask(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/close", HandleAsync).WithName("CloseTask").WithSummary("完成任务（记录完成人和时间）");
        return group;
    }

    public static async Task<Results<Ok<GetTask.Detail>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(Guid id, Request request,
        AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var outcome = await ExecuteAsync(db, me, clock, id, request, ct);
        return outcome.Kind switch
        {
            OutcomeKind.Ok => TypedResults.Ok(outcome.Value),
            OutcomeKind.Invalid => TypedResults.ValidationProblem(outcome.Errors, title: "未能完成任务"),
            OutcomeKind.Forbidden => TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status409Conflict, title: "任务已完成"),
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

        if (task.Status == WorkTaskStatus.Done)
        {
            return Outcome<GetTask.Detail>.Forbidden("该任务已完成");
        }

        var errors = new FieldErrors();
        var note = Fields.Text(request.Note, WorkTask.NoteMaxLength, "note", "备注", errors);
        if (errors.Any)
        {
            return Outcome<GetTask.Detail>.Invalid(errors.ToDictionary());
        }

        task.Status = WorkTaskStatus.Done;
        task.Note = note ?? task.Note;
        task.ClosedById = userId;
        task.ClosedAt = clock.UtcNow;
        await db.SaveChangesAsync(ct);
        return Outcome<GetTask.Detail>.Ok((await GetTask.LoadAsync(db, me, id, ct))!);
    }
}
