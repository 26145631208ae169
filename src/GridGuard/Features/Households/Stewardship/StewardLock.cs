using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace GridGuard.Features.Households.Stewardship;

/// <summary>
/// Serialises the cap check of one steward: two assignments that both counted 19 of 20 households must not both save.
/// Opens a transaction that the caller commits after its save. PostgreSQL: the steward's user row is locked
/// (<c>FOR UPDATE</c>) until then, so a second assignment to the same steward waits and counts again; assignments to
/// other stewards do not wait. SQLite: the transaction begins IMMEDIATE (Microsoft.Data.Sqlite's default), which takes
/// the database's write lock, so writers run one after another.
/// </summary>
public static class StewardLock
{
    public static async Task<IDbContextTransaction> AcquireAsync(AppDbContext db, Guid stewardId, CancellationToken ct)
    {
        var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"AspNetUsers\" WHERE \"Id\" = {stewardId} FOR UPDATE", ct);
        }

        return transaction;
    }
}
