using System.Linq.Expressions;
using GridGuard.Features.Canvassing;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Audit;

namespace GridGuard.Platform.Auth;

/// <summary>A record that belongs to exactly one node of the tree (DOMAIN.md §1).</summary>
public interface IInJurisdiction
{
    Guid JurisdictionId { get; }

    Jurisdiction? Jurisdiction { get; }
}

/// <summary>
/// THE jurisdiction-scope helper. Every list, detail, report and export of scoped data goes through
/// <c>InScopeOf(user)</c>, so that a user sees only the subtrees where they hold a role.
/// Out-of-scope records are simply absent: callers answer 404, never 403, so nothing leaks.
/// </summary>
public static class Scope
{
    public static IQueryable<Jurisdiction> InScopeOf(this IQueryable<Jurisdiction> query, CurrentUser user) =>
        query.Where(PathIn<Jurisdiction>(j => j.Path, user.ScopePaths));

    public static IQueryable<T> InScopeOf<T>(this IQueryable<T> query, CurrentUser user)
        where T : class, IInJurisdiction =>
        query.Where(PathIn<T>(x => x.Jurisdiction!.Path, user.ScopePaths));

    /// <summary>Nodes inside the subtrees where the user holds <paramref name="role"/>, e.g. an admin's own domain.</summary>
    public static IQueryable<Jurisdiction> InScopeOf(this IQueryable<Jurisdiction> query, CurrentUser user, Role role) =>
        query.Where(PathIn<Jurisdiction>(j => j.Path, user.PathsWhere(role)));

    /// <summary>Records at nodes inside the subtrees where the user holds <paramref name="role"/>.</summary>
    public static IQueryable<T> InScopeOf<T>(this IQueryable<T> query, CurrentUser user, Role role)
        where T : class, IInJurisdiction =>
        query.Where(PathIn<T>(x => x.Jurisdiction!.Path, user.PathsWhere(role)));

    /// <summary>Nodes inside the subtrees where the user holds any of <paramref name="roles"/>.</summary>
    public static IQueryable<Jurisdiction> InScopeOf(this IQueryable<Jurisdiction> query, CurrentUser user, IReadOnlySet<Role> roles) =>
        query.Where(PathIn<Jurisdiction>(j => j.Path, user.PathsWhere(roles)));

    /// <summary>Records at nodes inside the subtrees where the user holds any of <paramref name="roles"/>.</summary>
    public static IQueryable<T> InScopeOf<T>(this IQueryable<T> query, CurrentUser user, IReadOnlySet<Role> roles)
        where T : class, IInJurisdiction =>
        query.Where(PathIn<T>(x => x.Jurisdiction!.Path, user.PathsWhere(roles)));

    /// <summary>
    /// Tips (线索) filed at nodes inside the subtrees where the user holds any of <paramref name="roles"/>. A tip's node is
    /// nullable: a tip without one is in nobody's scope.
    /// </summary>
    public static IQueryable<Tip> InScopeOf(this IQueryable<Tip> query, CurrentUser user, IReadOnlySet<Role> roles) =>
        query.Where(PathIn<Tip>(t => t.Jurisdiction!.Path, user.PathsWhere(roles)));

    /// <summary>Rewards (奖励) reported under grids inside the subtrees where the user holds any of <paramref name="roles"/>.</summary>
    public static IQueryable<Reward> InScopeOf(this IQueryable<Reward> query, CurrentUser user, IReadOnlySet<Role> roles) =>
        query.Where(PathIn<Reward>(r => r.Jurisdiction!.Path, user.PathsWhere(roles)));

    /// <summary>
    /// Audit lines about records in the user's scope. Lines without a node (users, system records) are
    /// visible only to a user who holds <see cref="Role.Admin"/> at a root of the tree.
    /// </summary>
    public static IQueryable<AuditEntry> InScopeOf(this IQueryable<AuditEntry> query, CurrentUser user)
    {
        var inScope = PathIn<AuditEntry>(a => a.Jurisdiction!.Path, user.ScopePaths);
        if (!user.HoldsAtRoot(Role.Admin))
        {
            return query.Where(a => a.JurisdictionId != null).Where(inScope);
        }

        // a => a.JurisdictionId == null || <inScope>, on inScope's own parameter.
        var a = inScope.Parameters[0];
        var unplaced = Expression.Equal(
            Expression.Property(a, nameof(AuditEntry.JurisdictionId)), Expression.Constant(null, typeof(Guid?)));
        return query.Where(Expression.Lambda<Func<AuditEntry, bool>>(Expression.OrElse(unplaced, inScope.Body), a));
    }

    /// <summary>Builds <c>x =&gt; path(x).StartsWith(p1) || path(x).StartsWith(p2) ...</c>, or false when empty.</summary>
    public static Expression<Func<T, bool>> PathIn<T>(Expression<Func<T, string>> path, IReadOnlyList<string> prefixes)
    {
        var x = path.Parameters[0];
        Expression body = Expression.Constant(false);
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        foreach (var prefix in prefixes)
        {
            // A closure member (not a constant) so that EF sends the prefix as a parameter.
            var holder = new PrefixHolder(prefix);
            var value = Expression.Property(Expression.Constant(holder), nameof(PrefixHolder.Value));
            Expression test = Expression.Call(path.Body, startsWith, value);
            body = body is ConstantExpression ? test : Expression.OrElse(body, test);
        }

        return Expression.Lambda<Func<T, bool>>(body, x);
    }

    private sealed record PrefixHolder(string Value);
}
