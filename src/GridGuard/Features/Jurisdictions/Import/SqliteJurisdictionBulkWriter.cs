using System.Globalization;
using GridGuard.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace GridGuard.Features.Jurisdictions.Import;

/// <summary>
/// SQLite: one prepared <c>INSERT … ON CONFLICT("Code") DO UPDATE</c>, executed per row in the caller's transaction.
/// EF's SQLite provider stores a Guid as upper-case TEXT, a DateTime as TEXT <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>,
/// an enum as its name and a bool as 0/1; the same values are bound here.
/// </summary>
public sealed class SqliteJurisdictionBulkWriter : IJurisdictionBulkWriter
{
    internal const string Sql = """
        INSERT INTO "Jurisdictions" ("Id", "Code", "Name", "Level", "ParentId", "Path", "Depth", "Settlement",
                                     "IsActive", "Boundary", "CreatedAt", "UpdatedAt")
        VALUES ($id, $code, $name, $level, $parent, $path, $depth, $settlement, 1, NULL, $now, $now)
        ON CONFLICT ("Code") DO UPDATE SET
            "Name" = excluded."Name", "Level" = excluded."Level", "ParentId" = excluded."ParentId",
            "Path" = excluded."Path", "Depth" = excluded."Depth", "Settlement" = excluded."Settlement",
            "UpdatedAt" = excluded."UpdatedAt"
        """;

    /// <summary>Page cache for the write (KiB, as a negative PRAGMA value).</summary>
    private const int CacheKiB = 256 * 1024;

    /// <summary>Writes at least this large (and at least half the table) rebuild the secondary indexes afterwards.</summary>
    private const int RebuildIndexesFrom = 20_000;

    public Task UpsertAsync(AppDbContext db, IReadOnlyList<JurisdictionWrite> rows, DateTime now, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return Task.CompletedTask;
        }

        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The bulk writer runs inside the importer's transaction.");
        var previousCache = Scalar(connection, transaction, "PRAGMA cache_size");
        Execute(connection, transaction, $"PRAGMA cache_size = -{CacheKiB}");
        try
        {
            var rebuild = DropSecondaryIndexesIfLarge(connection, transaction, rows.Count);
            Insert(connection, transaction, rows, now, ct);
            foreach (var sql in rebuild)
            {
                Execute(connection, transaction, sql);
            }
        }
        finally
        {
            Execute(connection, transaction, "PRAGMA cache_size = " + previousCache);
        }

        return Task.CompletedTask;
    }

    /// <summary>As EF Core's SQLite provider stores a Guid: upper-case text with hyphens.</summary>
    internal static string FormatGuid(Guid id) => id.ToString("D").ToUpperInvariant();

    /// <summary>As EF Core's SQLite provider stores a DateTime.</summary>
    internal static string FormatDateTime(DateTime value) =>
        value.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static void Insert(SqliteConnection connection, SqliteTransaction transaction,
        IReadOnlyList<JurisdictionWrite> rows, DateTime now, CancellationToken ct)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Sql;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var code = command.Parameters.Add("$code", SqliteType.Text);
        var name = command.Parameters.Add("$name", SqliteType.Text);
        var level = command.Parameters.Add("$level", SqliteType.Text);
        var parent = command.Parameters.Add("$parent", SqliteType.Text);
        var path = command.Parameters.Add("$path", SqliteType.Text);
        var depth = command.Parameters.Add("$depth", SqliteType.Integer);
        var settlement = command.Parameters.Add("$settlement", SqliteType.Text);
        command.Parameters.Add("$now", SqliteType.Text).Value = FormatDateTime(now);
        command.Prepare();

        for (var i = 0; i < rows.Count; i++)
        {
            if ((i & 0x3FFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            var row = rows[i];
            id.Value = FormatGuid(row.Id);
            code.Value = row.Code;
            name.Value = row.Name;
            level.Value = row.Level.ToString();
            parent.Value = row.ParentId is { } p ? FormatGuid(p) : DBNull.Value;
            path.Value = row.Path;
            depth.Value = row.Depth;
            settlement.Value = row.Settlement?.ToString() ?? (object)DBNull.Value;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// SQLite builds an index from sorted keys far faster than it inserts random keys (names) one at a time. When the
    /// write is large next to the table, drop the secondary indexes and return their own SQL, to recreate them in the
    /// same transaction. The unique index on Code stays: the upsert needs it.
    /// </summary>
    private static List<string> DropSecondaryIndexesIfLarge(SqliteConnection connection, SqliteTransaction transaction, int count)
    {
        var rebuild = new List<string>();
        if (count < RebuildIndexesFrom
            || count * 2L < long.Parse(Scalar(connection, transaction, """SELECT count(*) FROM "Jurisdictions" """), CultureInfo.InvariantCulture))
        {
            return rebuild;
        }

        var indexes = new List<(string Name, string Sql)>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND tbl_name = 'Jurisdictions' AND sql IS NOT NULL AND name <> 'IX_Jurisdictions_Code'
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, sql) in indexes)
        {
            Execute(connection, transaction, $"DROP INDEX \"{name}\"");
            rebuild.Add(sql);
        }

        return rebuild;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "-2000";
    }
}
