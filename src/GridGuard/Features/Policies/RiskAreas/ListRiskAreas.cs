using System.Globalization;
using GridGuard.Features.Canvassing;
using GridGuard.Platform;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using FieldErrors = GridGuard.Features.Households.FieldErrors;

namespace GridGuard.Features.Policies.RiskAreas;

/// <summary>
/// GET /api/risk-areas?level=&amp;on=&amp;code=&amp;q=&amp;page=&amp;pageSize=: the published risk-area list, filtered by level,
/// in force on a date (From ≤ on &lt; To), division-code prefix and text (name, sub-area, source); newest first, paged.
/// Public information: every signed-in user reads it.
/// </summary>
public static class ListRiskAreas
{
    public sealed record Row(Guid Id, string PlaceCode, string? PlaceName, string? SubArea, string Level, string LevelLabel,
        DateOnly From, DateOnly? To, string? Source, bool InForceToday);

    /// <summary>The filters, already checked (the page parses them leniently, the API strictly).</summary>
    public sealed record Filter(RiskLevel? Level, DateOnly? On, string? Code, string? Text);

    public static RouteGroupBuilder MapListRiskAreas(this RouteGroupBuilder group)
    {
        group.MapGet("/", HandleAsync).WithName("ListRiskAreas")
            .WithSummary("风险地区列表（按等级、某日是否在管控期、代码前缀、文字筛选，分页）");
        return group;
    }

    public static async Task<Results<Ok<Paged<Row>>, ValidationProblem>> HandleAsync(string? level, string? on, string? code,
        string? q, int? page, int? pageSize, AppDbContext db, CountyClock clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var filter = Parse(level, on, code, q, errors);
        return errors.Any
            ? TypedResults.ValidationProblem(errors.ToDictionary(), title: "筛选条件有误")
            : TypedResults.Ok(await LoadAsync(db, filter, clock.Today, page, pageSize, ct));
    }

    public static Filter Parse(string? level, string? on, string? code, string? q, FieldErrors errors)
    {
        RiskLevel? l = null;
        if (!string.IsNullOrWhiteSpace(level))
        {
            l = RiskAreaRules.ParseLevel(level);
            if (l is null)
            {
                errors.Add("level", $"风险等级：“{level}”无效，应为 High、Medium、Low");
            }
        }

        DateOnly? day = null;
        if (!string.IsNullOrWhiteSpace(on))
        {
            if (DateOnly.TryParseExact(on.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                day = d;
            }
            else
            {
                errors.Add("on", $"管控日期：“{on}”不是有效日期（应为 yyyy-MM-dd）");
            }
        }

        var prefix = code?.Trim();
        if (!string.IsNullOrEmpty(prefix) && (!prefix.All(char.IsAsciiDigit) || prefix.Length > 12))
        {
            errors.Add("code", $"地区代码：“{code}”无效，应为不超过 12 位的数字");
        }

        return new Filter(l, day, string.IsNullOrEmpty(prefix) ? null : prefix, string.IsNullOrWhiteSpace(q) ? null : q.Trim());
    }

    public static IQueryable<RiskArea> Query(AppDbContext db, Filter filter)
    {
        var query = db.RiskAreas.AsNoTracking();
        if (filter.Level is { } level)
        {
            query = query.Where(a => a.Level == level);
        }

        if (filter.On is { } on)
        {
            query = query.Where(a => a.From <= on && (a.To == null || a.To > on));
        }

        if (filter.Code is { } code)
        {
            query = query.Where(a => a.PlaceCode.StartsWith(code));
        }

        if (filter.Text is { } text)
        {
            query = query.Where(a => (a.PlaceName != null && a.PlaceName.Contains(text))
                || (a.SubArea != null && a.SubArea.Contains(text))
                || (a.Source != null && a.Source.Contains(text)));
        }

        return query.OrderByDescending(a => a.From).ThenBy(a => a.PlaceCode).ThenBy(a => a.SubArea).ThenBy(a => a.Id);
    }

    public static async Task<Paged<Row>> LoadAsync(AppDbContext db, Filter filter, DateOnly today, int? page, int? pageSize,
        CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var query = Query(db, filter);
        var total = await query.CountAsync(ct);
        var areas = await query.Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<Row>([.. areas.Select(a => ToRow(a, today))], total, p, size);
    }

    public static Row ToRow(RiskArea a, DateOnly today) => new(a.Id, a.PlaceCode, a.PlaceName, a.SubArea, a.Level.ToString(),
        a.Level.Label(), a.From, a.To, a.Source, a.From <= today && (a.To is null || a.To > today));
}
