using System.Globalization;
using GridGuard.Platform;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using FieldErrors = GridGuard.Features.Households.FieldErrors;

namespace GridGuard.Features.Policies.Versions;

/// <summary>
/// GET /api/policies?on=yyyy-MM-dd: every policy with all its versions (newest first), each with its effective date
/// and active flag, and which version is in force on <c>on</c> (default: today in the county).
/// </summary>
public static class ListPolicies
{
    public sealed record Version(Guid Id, int Number, DateOnly EffectiveOn, bool IsActive, bool IsShipped, DateTime CreatedAt,
        int Rules, bool InForce);

    public sealed record Item(string Name, IReadOnlyList<Version> Versions);

    public sealed record Response(DateOnly On, Guid? InForceId, string? InForceName, int? InForceVersion, IReadOnlyList<Item> Policies);

    public static RouteGroupBuilder MapListPolicies(this RouteGroupBuilder group)
    {
        group.MapGet("/", HandleAsync).WithName("ListPolicies").WithSummary("管控规则及其各版本，并标明某日（默认今天）生效的版本");
        return group;
    }

    public static async Task<Results<Ok<Response>, ValidationProblem>> HandleAsync(string? on, AppDbContext db, CountyClock clock,
        CancellationToken ct)
    {
        var day = clock.Today;
        if (!string.IsNullOrWhiteSpace(on))
        {
            if (!DateOnly.TryParseExact(on.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                var errors = new FieldErrors();
                errors.Add("on", $"日期：“{on}”不是有效日期（应为 yyyy-MM-dd）");
                return TypedResults.ValidationProblem(errors.ToDictionary(), title: "查询条件有误");
            }
        }

        return TypedResults.Ok(await LoadAsync(db, day, ct));
    }

    public static async Task<Response> LoadAsync(AppDbContext db, DateOnly on, CancellationToken ct)
    {
        var all = await PolicyVersions.LoadAsync(db, activeOnly: false, ct);
        var inForce = PolicyVersions.InForce(all, on);
        var items = all.GroupBy(p => p.Row.Name)
            .Select(g => new Item(g.Key, [.. g.OrderByDescending(p => p.Row.Version).Select(p => new Version(p.Row.Id, p.Row.Version,
                p.Row.EffectiveOn, p.Row.IsActive, p.Row.IsShipped, p.Row.CreatedAt, p.Rulebook.Rules.Count, p.Row.Id == inForce?.Row.Id))]))
            .OrderByDescending(i => i.Versions.Max(v => v.EffectiveOn))
            .ToList();
        return new Response(on, inForce?.Row.Id, inForce?.Row.Name, inForce?.Row.Version, items);
    }
}
