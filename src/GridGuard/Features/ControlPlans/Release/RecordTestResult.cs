using GridGuard.Features.ControlPlans.Plans;
using GridGuard.Features.Monitoring.Tasks;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.ControlPlans.Release;

/// <summary>
/// POST /api/plans/{id}/tests/{testId}/result {"result": "Negative" | "Positive" | "Invalid", "sampledOn": "yyyy-MM-dd"}:
/// staff or medical staff record the result of a plan's scheduled test (until mass testing feeds results in). A result,
/// once recorded, is not overwritten here (409); the audit interceptor records it under the plan. A result recorded
/// while the test has an open overdue-test task (逾期检测) closes that task (<see cref="CloseLateTasks"/>).
/// </summary>
public static class RecordTestResult
{
    public sealed class Request
    {
        public string? Result { get; set; }

        public DateOnly? SampledOn { get; set; }
    }

    public sealed record Recorded(Guid TestId, DateOnly Due, string Result, DateOnly SampledOn);

    public static RouteGroupBuilder MapRecordTestResult(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/tests/{testId:guid}/result", HandleAsync).WithName("RecordPlanTestResult")
            .WithSummary("登记管控计划中一次核酸检测的结果（阴性、阳性、无效）");
        return group;
    }

    public static async Task<Results<Ok<Recorded>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(Guid id, Guid testId,
        Request request, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, id, testId, request, ct);
        return result.Kind switch
        {
            PlanResultKind.Ok => TypedResults.Ok(result.Value),
            PlanResultKind.Invalid => TypedResults.ValidationProblem(result.Errors.ToDictionary(), title: "输入有误"),
            PlanResultKind.Conflict => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "已有结果"),
            _ => TypedResults.NotFound(),
        };
    }

    public static async Task<PlanResult<Recorded>> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid planId, Guid testId,
        Request request, CancellationToken ct)
    {
        var test = await db.PlanTests
            .Where(t => t.Id == testId && t.ControlPlanId == planId
                && db.ControlPlans.InScopeOf(me, ReleaseText.Viewers).Any(p => p.Id == planId && p.Status == PlanStatus.Active))
            .FirstOrDefaultAsync(ct);
        if (test is null || me.UserId is not { } userId)
        {
            return PlanResult.NotFound<Recorded>();
        }

        var errors = new Households.FieldErrors();
        if (!Enum.TryParse<TestResult>(request.Result?.Trim(), ignoreCase: false, out var outcome) || !Enum.IsDefined(outcome))
        {
            errors.Add(nameof(Request.Result), "检测结果：请选择 阴性（Negative）、阳性（Positive）或 无效（Invalid）");
        }

        var sampled = request.SampledOn ?? test.Due;
        if (sampled > clock.Today)
        {
            errors.Add(nameof(Request.SampledOn), "采样日期：不能晚于今天");
        }

        if (errors.Any)
        {
            return PlanResult.Invalid<Recorded>(errors);
        }

        if (test.Result is not null)
        {
            return PlanResult.Conflict<Recorded>($"检测结果：{test.Due:yyyy-MM-dd} 的检测已登记为 {test.Result}，如需更正请联系县指挥部");
        }

        (test.Result, test.SampledOn, test.ResultAt) = (outcome, sampled, clock.UtcNow);
        await CloseLateTasks.ForTestAsync(db, test.Id, userId, clock.UtcNow, ct);
        await db.SaveChangesAsync(ct);
        return PlanResult.Ok(new Recorded(test.Id, test.Due, outcome.ToString(), sampled));
    }
}
