using System.Security.Claims;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Platform.Auth;

/// <summary>One role held at one node, with the node's current path.</summary>
public sealed record RoleGrant(Role Role, Guid JurisdictionId, string JurisdictionName, string Path);

/// <summary>
/// The user of the current request and their scope: the union of the subtrees where they hold roles.
/// Set once per request (from a cache of a few seconds) by <see cref="CurrentUserMiddleware"/>. Anonymous users have an empty scope.
/// </summary>
public sealed class CurrentUser
{
    public Guid? UserId { get; private set; }

    public string UserName { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    public bool IsAuthenticated => UserId is not null;

    public IReadOnlyList<RoleGrant> Grants { get; private set; } = [];

    /// <summary>Subtree roots as path prefixes, with nested ones removed.</summary>
    public IReadOnlyList<string> ScopePaths { get; private set; } = [];

    public bool Has(Role role) => Grants.Any(g => g.Role == role);

    /// <summary>True when <paramref name="path"/> lies in a subtree where the user holds any of <paramref name="roles"/>.</summary>
    public bool HoldsAt(string path, IReadOnlySet<Role> roles) =>
        Grants.Any(g => roles.Contains(g.Role) && path.StartsWith(g.Path, StringComparison.Ordinal));

    public bool Sees(string path) => ScopePaths.Any(p => path.StartsWith(p, StringComparison.Ordinal));

    /// <summary>Subtree roots where the user holds <paramref name="role"/>, with nested ones removed.</summary>
    public IReadOnlyList<string> PathsWhere(Role role) =>
        Outermost(Grants.Where(g => g.Role == role).Select(g => g.Path));

    /// <summary>Subtree roots where the user holds any of <paramref name="roles"/>, with nested ones removed.</summary>
    public IReadOnlyList<string> PathsWhere(IReadOnlySet<Role> roles) =>
        Outermost(Grants.Where(g => roles.Contains(g.Role)).Select(g => g.Path));

    /// <summary>True when the user holds <paramref name="role"/> at a root of the tree (a node without a parent).</summary>
    public bool HoldsAtRoot(Role role) =>
        Grants.Any(g => g.Role == role && g.Path.Count(c => c == '/') == 2);

    /// <summary>The grant whose node is highest in the tree: the user's "home" for breadcrumbs.</summary>
    public RoleGrant? Home => Grants.OrderBy(g => g.Path.Length).FirstOrDefault();

    public void Set(Guid userId, string userName, string displayName, IReadOnlyList<RoleGrant> grants)
    {
        UserId = userId;
        UserName = userName;
        DisplayName = displayName;
        Grants = grants;
        ScopePaths = Outermost(grants.Select(g => g.Path));
    }

    private static List<string> Outermost(IEnumerable<string> paths)
    {
        var sorted = paths.Distinct().OrderBy(p => p.Length).ToList();
        return sorted.Where((p, i) => !sorted.Take(i).Any(q => p.StartsWith(q, StringComparison.Ordinal))).ToList();
    }

    public static async Task<IReadOnlyList<RoleGrant>> LoadGrantsAsync(AppDbContext db, Guid userId, CancellationToken ct) =>
        await db.RoleAssignments
            .Where(r => r.UserId == userId && r.Jurisdiction!.IsActive)
            .Select(r => new RoleGrant(r.Role, r.JurisdictionId, r.Jurisdiction!.Name, r.Jurisdiction.Path))
            .ToListAsync(ct);
}

/// <summary>Fills <see cref="CurrentUser"/> from the authenticated principal and <see cref="GrantCache"/>.</summary>
public sealed class CurrentUserMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, CurrentUser currentUser, GrantCache cache)
    {
        var principal = context.User;
        if (principal.Identity?.IsAuthenticated == true
            && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            // A cache hit builds no database context: a sampler's scan request then never builds one.
            if (await cache.GetAsync(userId, context.RequestAborted) is { } user)
            {
                currentUser.Set(userId, user.UserName, user.DisplayName, user.Grants);
            }
            else
            {
                // Deactivated or deleted since the cookie or token was issued: treat as anonymous from now on.
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
        }

        await next(context);
    }
}
