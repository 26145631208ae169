using System.Text.Json;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Platform.Audit;

/// <summary>
/// GET /api/audit?entity=&amp;entityId=&amp;user=&amp;page=: the change log, newest first, limited to the caller's scope
/// (see <see cref="Scope.InScopeOf(IQueryable{AuditEntry}, CurrentUser)"/>). The page /audit uses the same loader.
/// </summary>
public static class BrowseAudit
{
    public const int PageSize = 50;
    public const int FilterMaxLength = 64;

    public sealed record Filter(string? Entity, string? EntityId, string? User, int Page = 1);

    public sealed record FieldChange(string Field, string? Old, string? New);

    public sealed record Row(Guid Id, DateTime At, string CountyTime, Guid? UserId, string UserName,
        string Entity, string EntityLabel, string EntityId, AuditAction Action, string ActionLabel,
        Guid? JurisdictionId, string? JurisdictionName, IReadOnlyList<FieldChange> Changes, string? Summary);

    public sealed record Response(IReadOnlyList<Row> Entries, int Page, int PageSize, bool HasMore);

    public static RouteGroupBuilder MapBrowseAudit(this RouteGroupBuilder group)
    {
        group.MapGet("/", HandleAsync).WithName("BrowseAudit").WithSummary("操作日志（按对象或用户筛选，新的在前，分页）");
        return group;
    }

    public static async Task<Results<Ok<Response>, ValidationProblem>> HandleAsync(
        string? entity, string? entityId, string? user, int? page,
        AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var filter = new Filter(entity, entityId, user, page ?? 1);
        var errors = Validate(filter);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors, title: "筛选条件有误")
            : TypedResults.Ok(await LoadAsync(db, me, clock, filter, ct));
    }

    public static Dictionary<string, string[]> Validate(Filter filter)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, label, value) in new[]
                 {
                     ("entity", "对象类型", filter.Entity), ("entityId", "对象编号", filter.EntityId), ("user", "用户", filter.User),
                 })
        {
            if (value?.Trim().Length > FilterMaxLength)
            {
                errors[name] = [$"{label}：不能超过 {FilterMaxLength} 个字符"];
            }
        }

        return errors;
    }

    /// <summary>Shared with the page. Filters are exact matches; blank filters are ignored.</summary>
    public static async Task<Response> LoadAsync(AppDbContext db, CurrentUser me, CountyClock clock, Filter filter, CancellationToken ct)
    {
        var page = Math.Max(1, filter.Page);
        var query = db.AuditEntries.AsNoTracking().InScopeOf(me);
        if (Blank(filter.Entity) is { } entity)
        {
            query = query.Where(a => a.Entity == entity);
        }

        if (Blank(filter.EntityId) is { } entityId)
        {
            // Keys are logged as Guid.ToString(): lower case with hyphens.
            var id = Guid.TryParse(entityId, out var g) ? g.ToString() : entityId;
            query = query.Where(a => a.EntityId == id);
        }

        if (Blank(filter.User) is { } user)
        {
            query = query.Where(a => a.UserName == user);
        }

        var rows = await query
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((page - 1) * PageSize)
            .Take(PageSize + 1)
            .Select(a => new
            {
                a.Id,
                a.At,
                a.UserId,
                a.UserName,
                a.Entity,
                a.EntityId,
                a.Action,
                a.Changes,
                a.JurisdictionId,
                JurisdictionName = a.Jurisdiction!.Name,
            })
            .ToListAsync(ct);
        var entries = rows.Take(PageSize).Select(a =>
        {
            var (changes, summary) = Parse(a.Changes);
            return new Row(a.Id, a.At, clock.ToLocal(a.At).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                a.UserId, a.UserName, a.Entity, AuditLabels.Entity(a.Entity), a.EntityId, a.Action, AuditLabels.Action(a.Action),
                a.JurisdictionId, a.JurisdictionName, changes, summary);
        }).ToList();
        return new Response(entries, page, PageSize, rows.Count > PageSize);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Field changes from <c>{"Name":["old","new"]}</c>; anything else (bulk summaries) is returned as text.</summary>
    internal static (IReadOnlyList<FieldChange> Changes, string? Summary) Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() == 2))
            {
                return (doc.RootElement.EnumerateObject()
                    .Select(p => new FieldChange(p.Name, Text(p.Value[0]), Text(p.Value[1])))
                    .ToList(), null);
            }
        }
        catch (JsonException)
        {
            // Not JSON: show it as it is.
        }

        return ([], json);
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}
