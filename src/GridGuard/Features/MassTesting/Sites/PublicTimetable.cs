using GridGuard.Features.Jurisdictions;
using GridGuard.Platform;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Sites;

/// <summary>
/// GET /api/testing-timetable/{gridId} (anonymous): where and when the residents of a grid go to be sampled — the slots
/// of the grid in the open rounds covering it, not yet over, by start. GET /api/testing-timetable?q= finds grids by
/// their name or their village's name. This is public information posted in every compound, so it is not scoped to a
/// user (the one deliberate exception to <c>InScopeOf</c>); it shows no person and no staff phone.
/// </summary>
public static class PublicTimetable
{
    public const int MaxGrids = 20;

    public sealed record Entry(string RoundName, string SiteName, string Address, DateTime StartsAt, DateTime EndsAt);

    public sealed record Response(Guid GridId, string GridName, string? VillageName, IReadOnlyList<Entry> Entries);

    public sealed record GridChoice(Guid Id, string Name, string? ParentName);

    public static RouteGroupBuilder MapPublicTimetable(this RouteGroupBuilder group)
    {
        group.MapGet("/{gridId:guid}", HandleAsync)
            .WithName("PublicTestingTimetable")
            .WithSummary("居民查询：本网格在进行中筛查轮次的采样地点与时段（本县时间，无需登录）");
        group.MapGet("/", FindAsync)
            .WithName("FindTimetableGrids")
            .WithSummary("居民查询：按网格或村（社区）名称查找网格");
        return group;
    }

    public static async Task<Results<Ok<Response>, NotFound>> HandleAsync(Guid gridId, AppDbContext db, CountyClock clock,
        CancellationToken ct)
    {
        var result = await LoadAsync(db, clock, gridId, ct);
        return result is null ? TypedResults.NotFound() : TypedResults.Ok(result);
    }

    public static async Task<Ok<IReadOnlyList<GridChoice>>> FindAsync(string? q, AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await FindGridsAsync(db, q, ct));

    /// <summary>Null when the grid is unknown, inactive or not a grid.</summary>
    public static async Task<Response?> LoadAsync(AppDbContext db, CountyClock clock, Guid gridId, CancellationToken ct)
    {
        var grid = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Id == gridId && j.IsActive && j.Level == JurisdictionLevel.Grid)
            .Select(j => new { j.Id, j.Name, j.Path, ParentName = j.Parent!.Name })
            .FirstOrDefaultAsync(ct);
        if (grid is null)
        {
            return null;
        }

        var now = clock.UtcNow;
        var rows = await db.SamplingSlots.AsNoTracking()
            .Where(x => x.GridId == gridId && x.EndsAt > now)
            .Join(db.SamplingSites, x => x.SiteId, s => s.Id, (x, s) => new { x.StartsAt, x.EndsAt, s.Name, s.Address, s.RoundId })
            .Join(db.MassTestingRounds.Where(r => r.Status == RoundStatus.Open), x => x.RoundId, r => r.Id,
                (x, r) => new { x.StartsAt, x.EndsAt, x.Name, x.Address, RoundName = r.Name })
            .OrderBy(x => x.StartsAt)
            .Take(100)
            .ToListAsync(ct);
        return new Response(grid.Id, grid.Name, grid.ParentName,
            rows.Select(x => new Entry(x.RoundName, x.Name, x.Address, clock.ToLocal(x.StartsAt), clock.ToLocal(x.EndsAt))).ToList());
    }

    public static async Task<IReadOnlyList<GridChoice>> FindGridsAsync(AppDbContext db, string? q, CancellationToken ct)
    {
        var text = q?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > Jurisdiction.NameMaxLength)
        {
            return [];
        }

        return await db.Jurisdictions.AsNoTracking()
            .Where(j => j.IsActive && j.Level == JurisdictionLevel.Grid && (j.Name.Contains(text) || j.Parent!.Name.Contains(text)))
            .OrderBy(j => j.Path)
            .Take(MaxGrids)
            .Select(j => new GridChoice(j.Id, j.Name, j.Parent!.Name))
            .ToListAsync(ct);
    }
}
