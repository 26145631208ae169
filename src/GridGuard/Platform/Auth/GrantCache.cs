using System.Collections.Concurrent;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GridGuard.Platform.Auth;

/// <summary>
/// The signed-in user's name and role grants, kept for a few seconds so that a request does not pay two database
/// look-ups before it starts (a sampler's phone sends one request per scan; docs/benchmarks.md, scan-single). Any save
/// that touches a user, a role assignment or a jurisdiction empties the cache at once (<see cref="Invalidator"/>), and so
/// do the set-based tree writes; <see cref="Lifetime"/> bounds what another process (a CLI verb) may leave stale. ADR 11.
/// </summary>
public sealed class GrantCache(TimeProvider time, IServiceScopeFactory scopes)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(15);

    /// <summary>An active user as the request sees them; null in the cache means "not active".</summary>
    public sealed record Entry(string UserName, string DisplayName, IReadOnlyList<RoleGrant> Grants);

    private sealed record Slot(Entry? Entry, long Generation, DateTimeOffset Expires);

    private readonly ConcurrentDictionary<Guid, Slot> slots = new();
    private readonly ConcurrentDictionary<(Guid UserId, long Generation), Lazy<Task<Entry?>>> loads = new();
    private long generation;
    private long loadCount;

    /// <summary>How many times a user was loaded from the database (for tests of the shared load).</summary>
    internal long LoadCount => Interlocked.Read(ref loadCount);

    /// <summary>The user's entry from the cache, or loaded from the database; null when the user is not active.</summary>
    public async Task<Entry?> GetAsync(Guid userId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var current = Interlocked.Read(ref generation);
        if (slots.TryGetValue(userId, out var slot) && slot.Generation == current && slot.Expires > now)
        {
            return slot.Entry;
        }

        // One load per user and generation at a time, on a scope of its own: when an entry expires under load, the
        // requests in flight share that load. Each used to load for itself, and under 10 × overload (one sampler, thousands
        // of requests in flight) they took every PostgreSQL connection and some were answered 500.
        var key = (userId, current);
        var load = loads.GetOrAdd(key, _ => new Lazy<Task<Entry?>>(() => LoadAsync(userId, current, now)));
        return await load.Value.WaitAsync(ct);
    }

    private async Task<Entry?> LoadAsync(Guid userId, long current, DateTimeOffset now)
    {
        Interlocked.Increment(ref loadCount);
        try
        {
            return await ReadAsync(userId, current, now);
        }
        finally
        {
            // The load leaves the table itself, even when every request that waited for it gave up: a finished load left
            // there would answer the next miss of the same generation with an entry older than Lifetime.
            loads.TryRemove((userId, current), out _);
        }
    }

    private async Task<Entry?> ReadAsync(Guid userId, long current, DateTimeOffset now)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await context.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.IsActive)
            .Select(u => new { u.UserName, u.DisplayName })
            .FirstOrDefaultAsync();
        var entry = user is null
            ? null
            : new Entry(user.UserName ?? "", user.DisplayName, await CurrentUser.LoadGrantsAsync(context, userId, CancellationToken.None));
        // Stored under the generation read before the load: an invalidation meanwhile makes it stale at once.
        slots[userId] = new Slot(entry, current, now + Lifetime);
        return entry;
    }

    /// <summary>Forgets every entry (a user, a grant or a node changed).</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        slots.Clear();
    }

    /// <summary>
    /// Empties the cache before and after any save that adds, changes or removes a user, a role assignment or a node, and
    /// again when its transaction commits (the tree's set-based writes share a transaction with such a save).
    /// </summary>
    public sealed class Invalidator(GrantCache cache) : SaveChangesInterceptor, IDbTransactionInterceptor
    {
        public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
            Committed(eventData.Context);

        public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData,
            CancellationToken cancellationToken = default)
        {
            Committed(eventData.Context);
            return Task.CompletedTask;
        }

        private void Committed(DbContext? db)
        {
            if (db is not null && pending.Remove(db))
            {
                cache.Invalidate();
            }
        }

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Before(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Before(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            After(eventData.Context);
            return result;
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
            CancellationToken cancellationToken = default)
        {
            After(eventData.Context);
            return ValueTask.FromResult(result);
        }

        /// <summary>Contexts whose save touched grants and whose transaction has not committed yet.</summary>
        private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> pending = new();

        // Before the save: note whether it touches grants (the states are reset afterwards) and invalidate.
        private void Before(DbContext? db)
        {
            if (db is not null && db.ChangeTracker.Entries().Any(e =>
                    e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                    && e.Entity is AppUser or RoleAssignment or Jurisdiction))
            {
                pending.AddOrUpdate(db, db);
                cache.Invalidate();
            }
        }

        // After it: invalidate again, so that a request which reloaded in between cannot keep the old grants; inside a
        // transaction, once more at commit (Committed).
        private void After(DbContext? db)
        {
            if (db is null || !pending.TryGetValue(db, out _))
            {
                return;
            }

            cache.Invalidate();
            if (db.Database.CurrentTransaction is null)
            {
                pending.Remove(db);
            }
        }
    }
}
