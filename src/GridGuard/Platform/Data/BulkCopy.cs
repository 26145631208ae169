using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using SQLitePCL;

namespace GridGuard.Platform.Data;

/// <summary>
/// Inserts many new rows of one mapped entity type, bypassing the change tracker: PostgreSQL binary <c>COPY</c>,
/// SQLite one prepared <c>INSERT</c> per row (bound by position). The columns and value conversions come from the EF model, so the rows
/// read back through EF exactly as if EF had written them. No audit lines are written (callers add an
/// <c>AuditLog.Bulk</c> summary), and no navigations are followed: insert parents before children.
/// Runs inside the context's current transaction when there is one.
/// </summary>
public static class BulkCopy
{
    public static Task<int> InsertAsync<T>(AppDbContext db, IEnumerable<T> rows, CancellationToken ct = default)
        where T : class => InsertAsync(db, rows, null, ct);

    /// <param name="into">A table with the entity's columns in the same order (a staging table made with
    /// <c>LIKE</c>), written instead of the entity's own; null for the entity's own table.</param>
    public static async Task<int> InsertAsync<T>(AppDbContext db, IEnumerable<T> rows, string? into, CancellationToken ct = default)
        where T : class
    {
        var table = Table.For(db.Model, typeof(T));
        if (into is not null)
        {
            table = table with { Name = $"\"{into}\"" };
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return db.Database.GetDbConnection() switch
            {
                NpgsqlConnection pg => await CopyAsync(pg, table, rows, ct),
                SqliteConnection sqlite => Insert(sqlite, (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(), table, rows, ct),
                var other => throw new NotSupportedException(other.GetType().Name),
            };
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Below this many rows a multi-row INSERT is cheaper than starting a COPY (the sampling writer's small batches).</summary>
    public const int CopyFrom = 64;

    private static async Task<int> CopyAsync<T>(NpgsqlConnection connection, Table table, IEnumerable<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows is IReadOnlyCollection<T> { Count: < CopyFrom } few)
        {
            return few.Count == 0 ? 0 : await InsertFewAsync(connection, table, few, ct);
        }

        var count = 0;
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY {table.Name} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            foreach (var column in table.Columns)
            {
                var value = column.Read(row);
                if (value is null)
                {
                    await writer.WriteNullAsync(ct);
                }
                else
                {
                    await writer.WriteAsync(value is DateTime d ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : value, column.PostgresType, ct);
                }
            }

            count++;
        }

        await writer.CompleteAsync(ct);
        return count;
    }

    /// <summary>One <c>INSERT … VALUES (…), (…)</c> with a typed parameter per cell; in the connection's transaction.</summary>
    private static async Task<int> InsertFewAsync<T>(NpgsqlConnection connection, Table table, IReadOnlyCollection<T> rows, CancellationToken ct)
        where T : class
    {
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { InsertCommand(table, rows) } };
        await batch.ExecuteNonQueryAsync(ct);
        return rows.Count;
    }

    /// <summary>
    /// PostgreSQL: the rows as one multi-row INSERT to run in a caller's <see cref="NpgsqlBatch"/> (the sampling writer
    /// sends its small batches' writes in one round trip). For a few rows (fewer than <see cref="CopyFrom"/>); use <see cref="InsertAsync{T}(AppDbContext, IEnumerable{T}, CancellationToken)"/> for more.
    /// </summary>
    public static NpgsqlBatchCommand PostgresInsert<T>(AppDbContext db, IReadOnlyCollection<T> rows)
        where T : class => InsertCommand(Table.For(db.Model, typeof(T)), rows);

    private static NpgsqlBatchCommand InsertCommand<T>(Table table, IReadOnlyCollection<T> rows)
        where T : class
    {
        var command = new NpgsqlBatchCommand();
        var sql = new System.Text.StringBuilder($"INSERT INTO {table.Name} ({table.ColumnList}) VALUES ");
        var n = 0;
        foreach (var row in rows)
        {
            sql.Append(n++ == 0 ? "(" : ", (");
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var column = table.Columns[c];
                var value = column.Read(row);
                command.Parameters.Add(new NpgsqlParameter
                {
                    Value = value is DateTime d ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : value ?? DBNull.Value,
                    DataTypeName = column.PostgresType,
                });
                sql.Append(c == 0 ? "$" : ", $").Append(command.Parameters.Count);
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        return command;
    }

    /// <summary>
    /// One prepared statement, bound by position through SQLitePCL directly: Microsoft.Data.Sqlite looks every
    /// parameter up by name and opens a data reader on each execution, which cost more than SQLite's own insert.
    /// </summary>
    private static int Insert<T>(SqliteConnection connection, SqliteTransaction? transaction, Table table, IEnumerable<T> rows, CancellationToken ct)
        where T : class
    {
        using var own = transaction is null ? connection.BeginTransaction() : null;
        var handle = connection.Handle!;
        var sql = $"INSERT INTO {table.Name} ({table.ColumnList}) VALUES ({string.Join(", ", table.Columns.Select(_ => "?"))})";
        Check(raw.sqlite3_prepare_v2(handle, sql, out var statement), handle);
        using (statement)
        {
            var buffer = new byte[256];
            var count = 0;
            foreach (var row in rows)
            {
                if ((count & 0x3FFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }

                for (var i = 0; i < table.Columns.Count; i++)
                {
                    Check(Bind(statement, i + 1, table.Columns[i].Read(row), ref buffer), handle);
                }

                var rc = raw.sqlite3_step(statement);
                raw.sqlite3_reset(statement);
                if (rc != raw.SQLITE_DONE)
                {
                    Check(rc, handle);
                }

                count++;
            }

            own?.Commit();
            return count;
        }
    }

    /// <summary>Binds one value as <see cref="ForSqlite"/> stores it; a Guid is written as UTF-8 without a string.</summary>
    private static int Bind(sqlite3_stmt statement, int index, object? value, ref byte[] buffer)
    {
        if (value is Guid guid)
        {
            Span<byte> text = stackalloc byte[36];
            guid.TryFormat(text, out _, "D");
            for (var i = 0; i < text.Length; i++)
            {
                text[i] = text[i] is >= (byte)'a' and <= (byte)'f' ? (byte)(text[i] - 32) : text[i];
            }

            return raw.sqlite3_bind_text(statement, index, text);
        }

        switch (ForSqlite(value).Value)
        {
            case DBNull:
                return raw.sqlite3_bind_null(statement, index);
            case long l:
                return raw.sqlite3_bind_int64(statement, index, l);
            case double d:
                return raw.sqlite3_bind_double(statement, index, d);
            case "":
                return raw.sqlite3_bind_text(statement, index, ""); // an empty span would bind NULL
            case string s:
                var length = System.Text.Encoding.UTF8.GetMaxByteCount(s.Length);
                if (buffer.Length < length)
                {
                    buffer = new byte[Math.Max(length, buffer.Length * 2)];
                }

                var written = System.Text.Encoding.UTF8.GetBytes(s, buffer);
                return raw.sqlite3_bind_text(statement, index, buffer.AsSpan(0, written));
            case byte[] bytes:
                return raw.sqlite3_bind_blob(statement, index, bytes);
            case var other:
                throw new NotSupportedException($"BulkCopy cannot bind {other.GetType().Name} for SQLite.");
        }
    }

    private static void Check(int rc, sqlite3 handle)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            SqliteException.ThrowExceptionForRC(rc, handle);
        }
    }

    /// <summary>As EF Core's SQLite provider stores each CLR type.</summary>
    public static (SqliteType Type, object Value) ForSqlite(object? value) => value switch
    {
        null => (SqliteType.Text, DBNull.Value),
        Guid g => (SqliteType.Text, g.ToString("D").ToUpperInvariant()),
        DateTime d => (SqliteType.Text, d.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        DateTimeOffset d => (SqliteType.Text, d.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)),
        DateOnly d => (SqliteType.Text, d.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)),
        bool b => (SqliteType.Integer, b ? 1L : 0L),
        int or long or short or byte => (SqliteType.Integer, Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        double or float => (SqliteType.Real, Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        decimal m => (SqliteType.Text, m.ToString("0.0###########################", CultureInfo.InvariantCulture)),
        _ => (SqliteType.Text, value),
    };

    /// <summary>The table of one entity type and its columns, read from the EF model.</summary>
    private sealed record Table(string Name, string ColumnList, IReadOnlyList<Column> Columns)
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<(IModel, Type), Table> Cache = new();

        public static Table For(IModel model, Type type) => Cache.GetOrAdd((model, type), key =>
        {
            var entity = key.Item1.FindEntityType(key.Item2) ?? throw new InvalidOperationException($"{key.Item2.Name} is not mapped.");
            var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var columns = entity.GetProperties()
                .Where(p => p.GetColumnName(store) is not null && p.PropertyInfo is not null)
                .Select(p => new Column(p.GetColumnName(store)!, p))
                .ToList();
            var name = (entity.GetSchema() is { } schema ? $"\"{schema}\"." : "") + $"\"{store.Name}\"";
            return new Table(name, string.Join(", ", columns.Select(c => $"\"{c.Name}\"")), columns);
        });
    }

    private sealed class Column(string name, IProperty property)
    {
        private readonly Func<object, object?> getter = Getter(property.PropertyInfo!);
        private readonly Func<object?, object?>? converter = property.GetTypeMapping().Converter?.ConvertToProvider;

        public string Name => name;

        /// <summary>The provider type name without facets ("character varying", not "character varying(50)").</summary>
        public string PostgresType { get; } = StripFacets(property.GetRelationalTypeMapping().StoreType);

        public object? Read(object row)
        {
            var value = getter(row);
            return value is null ? null : converter is null ? value : converter(value);
        }

        /// <summary>A compiled <c>row =&gt; (object)((TEntity)row).Property</c>: reflection's GetValue costs more than the insert.</summary>
        private static Func<object, object?> Getter(System.Reflection.PropertyInfo info)
        {
            var row = System.Linq.Expressions.Expression.Parameter(typeof(object), "row");
            var value = System.Linq.Expressions.Expression.Property(System.Linq.Expressions.Expression.Convert(row, info.DeclaringType!), info);
            return System.Linq.Expressions.Expression.Lambda<Func<object, object?>>(
                System.Linq.Expressions.Expression.Convert(value, typeof(object)), row).Compile();
        }

        private static string StripFacets(string storeType) =>
            storeType.IndexOf('(', StringComparison.Ordinal) is var i and > 0 ? storeType[..i].Trim() : storeType;
    }
}
