using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace GridGuard.Platform.Data;

/// <summary>
/// Runs provider-specific ADO.NET work on the context's connection, inside its current transaction when there is one:
/// for set-based writes that EF cannot express (PostgreSQL <c>unnest</c> of array parameters; on SQLite, in process, one
/// prepared statement run per row).
/// </summary>
public static class ProviderCommand
{
    public static async Task RunAsync(AppDbContext db, Func<NpgsqlConnection, NpgsqlTransaction?, Task> postgres,
        Func<SqliteConnection, SqliteTransaction?, Task> sqlite, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            await (db.Database.GetDbConnection() switch
            {
                NpgsqlConnection pg => postgres(pg, (NpgsqlTransaction?)transaction),
                SqliteConnection lite => sqlite(lite, (SqliteTransaction?)transaction),
                var other => throw new NotSupportedException(other.GetType().Name),
            });
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Runs a prepared SQLite statement once per row; <paramref name="bind"/> sets the row's parameters.</summary>
    public static async Task ForEachRowAsync<T>(SqliteCommand command, IEnumerable<T> rows, Action<T> bind, CancellationToken ct)
    {
        command.Prepare();
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            bind(row);
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
