using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Demo;

/// <summary>The users the demo seed acts as when it goes through the real use cases (there is no HTTP request at start).</summary>
public static class DemoActors
{
    /// <summary>The active user <paramref name="userName"/> with their role grants, or null.</summary>
    public static async Task<CurrentUser?> ForAsync(AppDbContext db, string userName, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.UserName == userName && u.IsActive)
            .Select(u => new { u.Id, u.DisplayName })
            .FirstOrDefaultAsync(ct);
        return user is null ? null : await ForIdAsync(db, user.Id, userName, user.DisplayName, ct);
    }

    /// <summary>The steward (包户责任人) of the person's household, or null when there is none.</summary>
    public static async Task<CurrentUser?> StewardOfAsync(AppDbContext db, Guid personId, CancellationToken ct)
    {
        var steward = await db.Persons.AsNoTracking()
            .Where(p => p.Id == personId && p.Household != null && p.Household.StewardId != null)
            .Select(p => new { Id = p.Household!.StewardId!.Value, p.Household.Steward!.UserName, p.Household.Steward.DisplayName })
            .FirstOrDefaultAsync(ct);
        return steward is null ? null : await ForIdAsync(db, steward.Id, steward.UserName ?? "", steward.DisplayName, ct);
    }

    private static async Task<CurrentUser> ForIdAsync(AppDbContext db, Guid id, string userName, string displayName, CancellationToken ct)
    {
        var me = new CurrentUser();
        me.Set(id, userName, displayName, await CurrentUser.LoadGrantsAsync(db, id, ct));
        return me;
    }
}
