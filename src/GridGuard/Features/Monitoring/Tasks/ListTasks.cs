using System.Globalization;
using System.Linq.Expressions;
using GridGuard.Features.Canvassing;
using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Monitoring.Tasks;

/// <summary>
/// GET /api/tasks?view=today|overdue|done&amp;kind=&amp;node=&amp;after=&amp;limit=: the user's task inbox (任务清单).
/// <list type="bullet">
/// <item>Whose: every task in the grids where the user is a grid worker (steward, medical staff, grid staff); in the
/// subtrees where the user is an officer (village, township, county), the referrals, the retests and the escalated tasks.</item>
/// <item>Views: today = open and not yet due, due by the end of today (a referral whenever it is due); overdue = open
/// and past due; done = closed, latest first.</item>
/// <item>Order: referrals first, then by due time; keyset-paged by an opaque cursor (<c>next</c>).</item>
/// </list>
/// </summary>
public static class ListTasks
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public enum View
    {
        Today,
        Overdue,
        Done,
    }

    public sealed record Filter(View View, WorkTaskKind? Kind, Guid? Node, string? After, int? Limit);

    public sealed record Row(Guid Id, string Kind, string KindLabel, Guid PersonId, string PersonName, Guid? ControlPlanId,
        Guid JurisdictionId, string JurisdictionName, DateTime DueAt, string Status, bool Escalated, bool Dispatched,
        DateTime? ClosedAt, string? ClosedBy);

    public sealed record Page(IReadOnlyList<Row> Items, string? Next);

    public static RouteGroupBuilder MapListTasks(this RouteGroupBuilder group)
    {
        group.MapGet("/", HandleAsync).WithName("ListTasks").WithSummary("任务清单：今日待办、已逾期、已完成；按类型、辖区筛选；游标分页");
        return group;
    }

    public static async Task<Results<Ok<Page>, ValidationProblem>> HandleAsync(string? view, string? kind, Guid? node, string? after,
        int? limit, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var filter = Parse(view, kind, node, after, limit, errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "筛选条件有误");
        }

        return TypedResults.Ok(await LoadAsync(db, me, clock, filter, ct));
    }

    public static Filter Parse(string? view, string? kind, Guid? node, string? after, int? limit, FieldErrors errors)
    {
        var v = View.Today;
        if (!string.IsNullOrWhiteSpace(view) && !Enum.TryParse(view, ignoreCase: true, out v))
        {
            errors.Add("view", "视图：应为 today（今日待办）、overdue（已逾期）或 done（已完成）");
        }

        WorkTaskKind? k = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (Fields.TryParse(kind, MonitoringText.Label, out WorkTaskKind parsed))
            {
                k = parsed;
            }
            else
            {
                errors.Add("kind", $"类型：“{kind}”无效，应为 {CanvassingLabels.Names<WorkTaskKind>()} 之一");
            }
        }

        if (after is not null && Cursor.Parse(after) is null)
        {
            errors.Add("after", "游标：无效");
        }

        return new Filter(v, k, node, after, limit);
    }

    public static async Task<Page> LoadAsync(AppDbContext db, CurrentUser me, CountyClock clock, Filter filter, CancellationToken ct)
    {
        var query = Visible(db.WorkTasks.AsNoTracking(), me);
        if (filter.Kind is { } kind)
        {
            query = query.Where(t => t.Kind == kind);
        }

        if (filter.Node is { } node)
        {
            var path = await db.Jurisdictions.AsNoTracking().InScopeOf(me).Where(j => j.Id == node).Select(j => j.Path).FirstOrDefaultAsync(ct);
            query = path is null ? query.Where(t => false) : query.Where(t => t.Jurisdiction!.Path.StartsWith(path));
        }

        var now = clock.UtcNow;
        var endOfToday = TimeZoneInfo.ConvertTimeToUtc(clock.Today.AddDays(1).ToDateTime(TimeOnly.MinValue), clock.Zone);
        var cursor = filter.After is null ? null : Cursor.Parse(filter.After);
        IQueryable<WorkTask> ordered;
        if (filter.View == View.Done)
        {
            query = query.Where(t => t.Status == WorkTaskStatus.Done);
            if (cursor is { } c)
            {
                query = query.Where(t => t.ClosedAt < c.At || (t.ClosedAt == c.At && t.Id < c.Id));
            }

            ordered = query.OrderByDescending(t => t.ClosedAt).ThenByDescending(t => t.Id);
        }
        else
        {
            query = query.Where(t => t.Status == WorkTaskStatus.Open);
            query = filter.View == View.Overdue
                ? query.Where(t => t.DueAt < now)
                : query.Where(t => t.DueAt >= now && (t.DueAt < endOfToday || t.Priority == 0));
            if (cursor is { } c)
            {
                query = query.Where(t => t.Priority > c.Priority
                    || (t.Priority == c.Priority && (t.DueAt > c.At || (t.DueAt == c.At && t.Id > c.Id))));
            }

            ordered = query.OrderBy(t => t.Priority).ThenBy(t => t.DueAt).ThenBy(t => t.Id);
        }

        var limit = Math.Clamp(filter.Limit ?? DefaultLimit, 1, MaxLimit);
        var rows = await ordered.Take(limit + 1)
            .Select(t => new
            {
                t.Id,
                t.Kind,
                t.Priority,
                t.PersonId,
                PersonName = t.Person!.Name,
                t.ControlPlanId,
                t.JurisdictionId,
                JurisdictionName = t.Jurisdiction!.Name,
                t.DueAt,
                t.Status,
                t.EscalatedAt,
                t.DispatchedAt,
                t.ClosedAt,
                ClosedBy = t.ClosedBy != null ? t.ClosedBy.DisplayName : null,
            })
            .ToListAsync(ct);
        var items = rows.Take(limit).Select(t => new Row(t.Id, t.Kind.ToString(), t.Kind.Label(), t.PersonId, t.PersonName, t.ControlPlanId,
            t.JurisdictionId, t.JurisdictionName, t.DueAt, t.Status.ToString(), t.EscalatedAt is not null, t.DispatchedAt is not null,
            t.ClosedAt, t.ClosedBy)).ToList();
        string? next = null;
        if (rows.Count > limit)
        {
            var last = rows[limit - 1];
            next = filter.View == View.Done
                ? new Cursor(0, last.ClosedAt!.Value, last.Id).ToString()
                : new Cursor(last.Priority, last.DueAt, last.Id).ToString();
        }

        return new Page(items, next);
    }

    /// <summary>
    /// Tasks the user sees, through the scope helper: all tasks under the grid workers' grants, and referrals and escalated
    /// tasks under the officers' grants.
    /// Priority 0 (referrals, retests after a pooled positive) reaches the officers at once.
    /// </summary>
    public static IQueryable<WorkTask> Visible(IQueryable<WorkTask> tasks, CurrentUser me)
    {
        var inScope = tasks.InScopeOf(me, MonitoringText.TaskViewers);
        var gridPaths = me.PathsWhere(MonitoringText.GridWorkers);
        var worker = Scope.PathIn<WorkTask>(t => t.Jurisdiction!.Path, gridPaths);
        var t = worker.Parameters[0];
        var forOfficers = Expression.OrElse(
            Expression.Equal(Expression.Property(t, nameof(WorkTask.Priority)), Expression.Constant(0)),
            Expression.NotEqual(Expression.Property(t, nameof(WorkTask.EscalatedAt)), Expression.Constant(null, typeof(DateTime?))));
        return inScope.Where(Expression.Lambda<Func<WorkTask, bool>>(Expression.OrElse(forOfficers, worker.Body), t));
    }

    /// <summary>Keyset position: (priority, instant, id), written as "priority.ticks.id".</summary>
    public sealed record Cursor(int Priority, DateTime At, Guid Id)
    {
        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"{Priority}.{At.Ticks}.{Id:N}");

        public static Cursor? Parse(string text)
        {
            var parts = text.Split('.');
            return parts.Length == 3
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var p)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks is >= 0 and <= 3155378975999999999
                && Guid.TryParseExact(parts[2], "N", out var id)
                ? new Cursor(p, new DateTime(ticks, DateTimeKind.Utc), id)
                : null;
        }
    }
}
