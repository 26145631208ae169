using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Canvassing.Tips;

/// <summary>
/// GET /api/tips/villages?townshipId=&amp;q=: the public list that the anonymous tip form chooses from — active townships,
/// and the active villages (communities) of one township or whose name contains q. Names and division codes only.
/// </summary>
public static class ListTipVillages
{
    public const int MaxTownships = 500;
    public const int MaxVillages = 200;

    public sealed record Township(Guid Id, string Code, string Name);

    public sealed record Village(Guid Id, string Code, string Name, string TownshipName);

    /// <summary>Villages are listed only when a township or a name is given.</summary>
    public sealed record Response(IReadOnlyList<Township> Townships, IReadOnlyList<Village> Villages);

    public static RouteGroupBuilder MapListTipVillages(this RouteGroupBuilder group)
    {
        group.MapGet("/villages", HandleAsync)
            .AllowAnonymous()
            .WithName("ListTipVillages")
            .WithSummary("线索举报可选的乡镇与村（社区）（公开，无需登录）");
        return group;
    }

    public static async Task<Ok<Response>> HandleAsync(Guid? townshipId, string? q, AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(new Response(await TownshipsAsync(db, ct), await VillagesAsync(db, townshipId, q, ct)));

    public static Task<List<Township>> TownshipsAsync(AppDbContext db, CancellationToken ct) =>
        db.Jurisdictions.AsNoTracking()
            .Where(j => j.IsActive && j.Level == JurisdictionLevel.Township)
            .OrderBy(j => j.Path)
            .Take(MaxTownships)
            .Select(j => new Township(j.Id, j.Code, j.Name))
            .ToListAsync(ct);

    public static async Task<List<Village>> VillagesAsync(AppDbContext db, Guid? townshipId, string? q, CancellationToken ct)
    {
        var villages = db.Jurisdictions.AsNoTracking().Where(j => j.IsActive && j.Level == JurisdictionLevel.Village);
        var name = q?.Trim();
        if (!string.IsNullOrEmpty(name) && name.Length <= Jurisdiction.NameMaxLength)
        {
            villages = villages.Where(j => j.Name.Contains(name));
        }
        else if (townshipId is { } id)
        {
            var path = await db.Jurisdictions.AsNoTracking()
                .Where(j => j.Id == id && j.IsActive && j.Level == JurisdictionLevel.Township)
                .Select(j => j.Path)
                .FirstOrDefaultAsync(ct);
            if (path is null)
            {
                return [];
            }

            villages = villages.Where(j => j.Path.StartsWith(path));
        }
        else
        {
            return [];
        }

        return await villages
            .OrderBy(j => j.Path)
            .Take(MaxVillages)
            .Select(j => new Village(j.Id, j.Code, j.Name, j.Parent == null ? "" : j.Parent.Name))
            .ToListAsync(ct);
    }
}
