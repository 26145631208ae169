using GridGuard.Features.Canvassing;
using GridGuard.Features.ControlPlans;
using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Monitoring.Checks;

/// <summary>
/// POST /api/plans/{id}/checks: one health check (健康监测) of the person under an active control plan, recorded by the
/// steward, the medical staff or grid and village staff of the plan's node. Temperature 34.0–43.0 °C with one decimal;
/// symptoms by name. An abnormal check (≥ 37.3 °C or any symptom) opens a referral task (转诊) due 2 hours after the
/// check; check and task are written in one SaveChanges, audited.
/// A check taken earlier may be back-filled (补录) with <see cref="Request.CheckedAt"/>: not in the future, not before
/// the plan became active, at most <see cref="BackfillWindow"/> ago. It closes the open missed-check task of its slot
/// (<see cref="Tasks.CloseLateTasks"/>).
/// </summary>
public static class RecordHealthCheck
{
    public static readonly TimeSpan ReferralWithin = TimeSpan.FromHours(2);

    public static readonly TimeSpan BackfillWindow = TimeSpan.FromDays(7);

    public sealed class Request
    {
        public double? Temperature { get; set; }

        public List<string>? Symptoms { get; set; }

        public string? Note { get; set; }

        /// <summary>When the check was taken, for a back-filled check (补录); empty: now.</summary>
        public DateTimeOffset? CheckedAt { get; set; }
    }

    public sealed record Recorded(Guid Id, Guid ControlPlanId, double Temperature, IReadOnlyList<string> Symptoms, bool Abnormal,
        DateTime CheckedAt, Guid? ReferralTaskId, DateTime? ReferralDueAt, IReadOnlyList<Guid> ClosedTaskIds);

    public static RouteGroupBuilder MapRecordHealthCheck(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/checks", HandleAsync).WithName("RecordHealthCheck")
            .WithSummary("记录健康监测（体温、症状）；异常则生成 2 小时内转诊任务");
        return group;
    }

    public static async Task<Results<Created<Recorded>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var outcome = await ExecuteAsync(db, me, clock, id, request, ct);
        return outcome.Kind switch
        {
            OutcomeKind.Ok => TypedResults.Created($"/plans/{id}", outcome.Value),
            OutcomeKind.Invalid => TypedResults.ValidationProblem(outcome.Errors, title: "健康监测记录有误，未保存"),
            OutcomeKind.Forbidden => TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status409Conflict, title: "无法记录"),
            _ => TypedResults.NotFound(),
        };
    }

    public static async Task<Outcome<Recorded>> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid planId,
        Request request, CancellationToken ct)
    {
        var plan = await db.ControlPlans.AsNoTracking().InScopeOf(me, MonitoringText.Checkers)
            .Where(p => p.Id == planId)
            .Select(p => new { p.Id, p.PersonId, p.JurisdictionId, p.Status, ActiveSince = p.ConfirmedAt ?? p.CreatedAt, StewardId = p.Person!.Household != null ? p.Person.Household.StewardId : null })
            .FirstOrDefaultAsync(ct);
        if (plan is null || me.UserId is not { } userId)
        {
            return Outcome<Recorded>.NotFound();
        }

        if (plan.Status != PlanStatus.Active)
        {
            return Outcome<Recorded>.Forbidden("只能为执行中的管控计划记录健康监测");
        }

        var errors = new FieldErrors();
        var temperature = ParseTemperature(request.Temperature, errors);
        var symptoms = new List<Symptom>();
        foreach (var s in request.Symptoms ?? [])
        {
            if (Fields.TryParse(s, CanvassingLabels.Label, out Symptom symptom))
            {
                if (!symptoms.Contains(symptom))
                {
                    symptoms.Add(symptom);
                }
            }
            else
            {
                errors.Add("symptoms", $"症状：“{s}”无效，应为 {CanvassingLabels.Names<Symptom>()} 之一");
            }
        }

        var note = Fields.Text(request.Note, HealthCheck.NoteMaxLength, "note", "备注", errors);
        var now = clock.UtcNow;
        var checkedAt = CheckedAt(request.CheckedAt, now, plan.ActiveSince, errors);
        if (errors.Any)
        {
            return Outcome<Recorded>.Invalid(errors.ToDictionary());
        }

        var check = new HealthCheck
        {
            ControlPlanId = plan.Id,
            PersonId = plan.PersonId,
            JurisdictionId = plan.JurisdictionId,
            Temperature = temperature!.Value,
            Symptoms = string.Join(",", symptoms),
            Abnormal = HealthCheck.IsAbnormal(temperature.Value, symptoms.Count),
            Note = note,
            CheckedById = userId,
            CheckedAt = checkedAt,
        };
        db.HealthChecks.Add(check);
        WorkTask? referral = null;
        if (check.Abnormal)
        {
            referral = new WorkTask
            {
                Kind = WorkTaskKind.Referral,
                Priority = WorkTask.PriorityOf(WorkTaskKind.Referral),
                Key = Tasks.TaskSweep.ReferralKey(check.Id),
                JurisdictionId = plan.JurisdictionId,
                PersonId = plan.PersonId,
                ControlPlanId = plan.Id,
                HealthCheckId = check.Id,
                StewardId = plan.StewardId,
                DueAt = checkedAt + ReferralWithin,
                Status = WorkTaskStatus.Open,
                CreatedAt = now,
            };
            db.WorkTasks.Add(referral);
        }

        var closed = checkedAt < now
            ? await Tasks.CloseLateTasks.ForCheckAsync(db, plan.Id, checkedAt, userId, now, clock.Zone, ct)
            : [];
        await db.SaveChangesAsync(ct);
        return Outcome<Recorded>.Ok(new Recorded(check.Id, plan.Id, check.Temperature, [.. symptoms.Select(s => s.ToString())], check.Abnormal,
            checkedAt, referral?.Id, referral?.DueAt, closed));
    }

    /// <summary>The instant (UTC) of the check: now, or a back-filled time inside the plan's active period and the window.</summary>
    private static DateTime CheckedAt(DateTimeOffset? value, DateTime now, DateTime activeSince, FieldErrors errors)
    {
        if (value is not { } given)
        {
            return now;
        }

        var at = given.UtcDateTime;
        if (given == DateTimeOffset.MinValue)
        {
            errors.Add("checkedAt", "测量时间：格式应为 年-月-日 时:分");
        }
        else if (at > now)
        {
            errors.Add("checkedAt", "测量时间：不能晚于现在");
        }
        else if (at < activeSince)
        {
            errors.Add("checkedAt", "测量时间：不能早于管控计划开始执行的时间");
        }
        else if (at < now - BackfillWindow)
        {
            errors.Add("checkedAt", "测量时间：只能补录 7 天内的健康监测");
        }

        return at;
    }

    private static double? ParseTemperature(double? value, FieldErrors errors)
    {
        if (value is not { } t)
        {
            errors.Add("temperature", "体温：不能为空");
            return null;
        }

        if (double.IsNaN(t) || t < HealthCheck.MinTemperature || t > HealthCheck.MaxTemperature)
        {
            errors.Add("temperature", "体温：应在 34.0–43.0 °C 之间");
            return null;
        }

        if (Math.Abs(t * 10 - Math.Round(t * 10)) > 1e-6)
        {
            errors.Add("temperature", "体温：最多保留一位小数");
            return null;
        }

        return Math.Round(t, 1);
    }
}
