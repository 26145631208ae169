using System.Collections.Concurrent;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace GridGuard.Features.Households.Stewardship;

/// <summary>
/// Serialises the cap check of one steward: two assignments that both counted 19 of 20 households must not both save.
/// Hold it from the count to the save, then <see cref="CommitAsync"/>. PostgreSQL: a transaction locks the steward's
/// user row (<c>FOR UPDATE</c>), so a second assignment to the same steward waits — in any app instance — and counts
/// again; assignments to other stewards do not wait. SQLite (the embedded, single-process deployment): an in-process
/// async lock per steward, which waits without holding a thread (an IMMEDIATE transaction also works, but
/// Microsoft.Data.Sqlite waits for a busy database by sleeping on the request's thread).
/// </summary>
public sealed class StewardLock : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<Guid, SemaphoreSlim> Gates = new();

    private readonly IDbContextTransaction? transaction;
    private readonly SemaphoreSlim? gate;

    private StewardLock(IDbContextTransaction? transaction, SemaphoreSlim? gate)
    {
        this.transaction = transaction;
        this.gate = gate;
    }

    public static async Task<StewardLock> AcquireAsync(AppDbContext db, Guid stewardId, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"AspNetUsers\" WHERE \"Id\" = {stewardId} FOR UPDATE", ct);
            return new StewardLock(transaction, null);
        }

        var gate = Gates.GetOrAdd(stewardId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new StewardLock(null, gate);
    }

    /// <summary>After the caller's save: commits (PostgreSQL); the lock is let go on dispose.</summary>
    public Task CommitAsync(CancellationToken ct) => transaction?.CommitAsync(ct) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync();
        }

        gate?.Release();
    }
}
