using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace GridGuard.Features.Jurisdictions.Import;

/// <summary>
/// PostgreSQL, all in the caller's transaction: rows the plan found new are copied (binary COPY) straight into the
/// table; rows that exist are copied into a temporary table and applied with one
/// <c>INSERT … SELECT … ON CONFLICT ("Code") DO UPDATE</c>. Large writes rebuild the secondary indexes afterwards.
/// </summary>
public sealed class PostgresJurisdictionBulkWriter : IJurisdictionBulkWriter
{
    private const string Stage = "jurisdiction_import";

    /// <summary>Writes at least this large (and at least half the table) rebuild the secondary indexes afterwards.</summary>
    private const int RebuildIndexesFrom = 20_000;

    private const string Columns = """ "Id", "Code", "Name", "Level", "ParentId", "Path", "Depth", "Settlement" """;

    internal const string Upsert = $"""
        INSERT INTO "Jurisdictions" ({Columns}, "IsActive", "Boundary", "CreatedAt", "UpdatedAt")
        SELECT {Columns}, TRUE, NULL, @now, @now
        FROM pg_temp.{Stage}
        ON CONFLICT ("Code") DO UPDATE SET
            "Name" = EXCLUDED."Name", "Level" = EXCLUDED."Level", "ParentId" = EXCLUDED."ParentId",
            "Path" = EXCLUDED."Path", "Depth" = EXCLUDED."Depth", "Settlement" = EXCLUDED."Settlement",
            "UpdatedAt" = EXCLUDED."UpdatedAt"
        """;

    public async Task UpsertAsync(AppDbContext db, IReadOnlyList<JurisdictionWrite> rows, DateTime now, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The bulk writer runs inside the importer's transaction.");
        now = DateTime.SpecifyKind(now, DateTimeKind.Utc);

        var rebuild = await DropSecondaryIndexesIfLargeAsync(connection, transaction, rows.Count, ct);
        if (rows.Any(r => r.IsNew))
        {
            await CopyAsync(connection,
                $"""COPY "Jurisdictions" ({Columns}, "IsActive", "CreatedAt", "UpdatedAt") FROM STDIN (FORMAT BINARY)""",
                rows.Where(r => r.IsNew), now, ct);
        }

        if (rows.Any(r => !r.IsNew))
        {
            await ExecuteAsync(connection, transaction, $"""
                DROP TABLE IF EXISTS pg_temp.{Stage};
                CREATE TEMP TABLE {Stage} (
                    "Id" uuid NOT NULL, "Code" varchar(24) NOT NULL, "Name" varchar(100) NOT NULL, "Level" varchar(16) NOT NULL,
                    "ParentId" uuid NULL, "Path" varchar(400) NOT NULL, "Depth" integer NOT NULL, "Settlement" varchar(8) NULL
                ) ON COMMIT DROP;
                """, null, ct);
            await CopyAsync(connection, $"""COPY pg_temp.{Stage} ({Columns}) FROM STDIN (FORMAT BINARY)""",
                rows.Where(r => !r.IsNew), null, ct);
            await ExecuteAsync(connection, transaction, Upsert, now, ct);
            await ExecuteAsync(connection, transaction, $"DROP TABLE pg_temp.{Stage}", null, ct);
        }

        foreach (var sql in rebuild)
        {
            await ExecuteAsync(connection, transaction, sql, null, ct);
        }
    }

    /// <summary>Binary COPY of the rows' own columns, and with <paramref name="now"/> also IsActive and the timestamps.</summary>
    private static async Task CopyAsync(NpgsqlConnection connection, string copyCommand, IEnumerable<JurisdictionWrite> rows,
        DateTime? now, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(copyCommand, ct);
        copy.Timeout = TimeSpan.Zero;
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(row.Id, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(row.Code, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(row.Name, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(row.Level.ToString(), NpgsqlDbType.Varchar, ct);
            if (row.ParentId is { } parent)
            {
                await copy.WriteAsync(parent, NpgsqlDbType.Uuid, ct);
            }
            else
            {
                await copy.WriteNullAsync(ct);
            }

            await copy.WriteAsync(row.Path, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(row.Depth, NpgsqlDbType.Integer, ct);
            if (row.Settlement is { } settlement)
            {
                await copy.WriteAsync(settlement.ToString(), NpgsqlDbType.Varchar, ct);
            }
            else
            {
                await copy.WriteNullAsync(ct);
            }

            if (now is { } at)
            {
                await copy.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
            }
        }

        await copy.CompleteAsync(ct);
    }

    /// <summary>
    /// The PostgreSQL manual's advice for populating a table: when the write is large next to the table, drop the
    /// secondary indexes and the parent foreign key, and recreate them from their own definitions in the same
    /// transaction: one sort per index and one join for the key, instead of a b-tree insert per index and a locking
    /// parent lookup per row. The table stays locked until commit. The primary key and the unique index on Code stay.
    /// </summary>
    private static async Task<List<string>> DropSecondaryIndexesIfLargeAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, int count, CancellationToken ct)
    {
        var rebuild = new List<string>();
        if (count < RebuildIndexesFrom)
        {
            return rebuild;
        }

        await using (var counter = new NpgsqlCommand("""SELECT count(*) FROM "Jurisdictions" """, connection, transaction))
        {
            if (count * 2L < (long)(await counter.ExecuteScalarAsync(ct))!)
            {
                return rebuild;
            }
        }

        var drops = new List<string>();
        await using (var command = new NpgsqlCommand("""
            SELECT format('DROP INDEX %I.%I', schemaname, indexname), indexdef
            FROM pg_indexes
            WHERE schemaname = current_schema() AND tablename = 'Jurisdictions'
              AND indexname NOT IN ('PK_Jurisdictions', 'IX_Jurisdictions_Code')
            UNION ALL
            SELECT format('ALTER TABLE "Jurisdictions" DROP CONSTRAINT %I', conname),
                   format('ALTER TABLE "Jurisdictions" ADD CONSTRAINT %I %s', conname, pg_get_constraintdef(oid))
            FROM pg_constraint
            WHERE conrelid = '"Jurisdictions"'::regclass AND contype = 'f'
            """, connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                drops.Add(reader.GetString(0));
                rebuild.Add(reader.GetString(1));
            }
        }

        await ExecuteAsync(connection, transaction, "SET LOCAL maintenance_work_mem = '256MB'", null, ct);
        foreach (var sql in drops)
        {
            await ExecuteAsync(connection, transaction, sql, null, ct);
        }

        return rebuild;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql,
        DateTime? now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        if (now is { } at)
        {
            command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = at });
        }

        await command.ExecuteNonQueryAsync(ct);
    }
}
