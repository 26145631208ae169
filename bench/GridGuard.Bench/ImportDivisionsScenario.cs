using System.Diagnostics;
using System.Globalization;
using GridGuard.Features.Jurisdictions;
using GridGuard.Features.Jurisdictions.Import;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace GridGuard.Bench;

/// <summary>
/// import-divisions: the national china-division files (31 provinces … 620,573 villages) through the real
/// <see cref="JurisdictionImporter"/> into a fresh, migrated database, file by file as the CLI verb does.
/// Baseline, same run, same database: read the same files with the same reader and bulk-load the same rows,
/// with no validation, no upsert and no indexes, into a plain table (PostgreSQL: binary COPY; SQLite: one prepared
/// INSERT per row in one transaction). Metric: seconds (lower is better); ratio = baseline / time.
/// </summary>
public static class ImportDivisionsScenario
{
    public const string Name = "import-divisions";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var dir = DivisionData.Locate();
        var selection = DivisionData.Selection(dir, options.Size);
        Console.WriteLine($"data: {dir}{(options.Size is { } n ? $" (first {n} villages and their parents)" : "")}");
        using var database = BenchDatabase.Create(options);
        Console.WriteLine($"database: {database.Provider} {database.Name ?? database.ConnectionString}");
        var app = BuildApp(database);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.MigrateAsync();
        }

        var (time, rows) = await ImportAsync(app, dir, selection);
        var baseline = await BaselineAsync(database, dir, selection);
        await app.DisposeAsync();

        Console.WriteLine($"rows: {rows}; import {time:F2} s; baseline {baseline:F2} s; peak working set "
            + $"{Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {Name} time={time:F2}s baseline={baseline:F2}s ratio={baseline / time:F2}"));
        return 0;
    }

    private static WebApplication BuildApp(BenchDatabase database)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider,
            ["ConnectionStrings:GridGuard"] = database.ConnectionString,
            ["DataProtection:KeyPath"] = Path.Combine(Path.GetTempPath(), "gridguard-bench-keys"),
            ["Logging:LogLevel:Default"] = "Warning",
            // A fresh PostgreSQL database makes EF log its expected "no migrations history table" as an error.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "None",
            ["Logging:LogLevel:GridGuard.Features.Jurisdictions.Import"] = "Information",
        });
        builder.AddPlatform();
        builder.AddPlatformData();
        builder.AddPlatformAuth();
        builder.Services.AddJurisdictions();
        return builder.Build();
    }

    /// <summary>The measured run: each file read and imported in its own scope, as the CLI verb does.</summary>
    private static async Task<(double Seconds, int Rows)> ImportAsync(WebApplication app, string dir, HashSet<string>? selection)
    {
        var total = 0;
        var clock = Stopwatch.StartNew();
        foreach (var kind in DivisionCsv.DirectoryOrder)
        {
            var started = clock.Elapsed;
            var rows = DivisionData.Read(dir, kind, selection);
            var read = clock.Elapsed - started;
            await using var scope = app.Services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<JurisdictionImporter>()
                .ImportAsync(DivisionCsv.FileName(kind), rows, CancellationToken.None);
            if (!report.Written)
            {
                throw new InvalidOperationException($"{report.Source}: {report.Errors[0].Line}: {report.Errors[0].Message}");
            }

            total += report.Rows;
            Console.WriteLine($"  {report.Source,-14} {report.Rows,8} rows, {report.Inserted,8} inserted  "
                + $"read {read.TotalSeconds:F2} s, total {(clock.Elapsed - started).TotalSeconds:F2} s");
        }

        return (clock.Elapsed.TotalSeconds, total);
    }

    /// <summary>The floor: the same files, the same reader, ids and paths resolved naively, one raw bulk load.</summary>
    private static async Task<double> BaselineAsync(BenchDatabase database, string dir, HashSet<string>? selection)
    {
        const string Create = """
            CREATE TABLE "BaselineJurisdictions" ("Id" {0} NOT NULL, "Code" {1} NOT NULL, "Name" {1} NOT NULL,
                "Level" {1} NOT NULL, "ParentId" {0} NULL, "Path" {1} NOT NULL, "Depth" integer NOT NULL,
                "Settlement" {1} NULL, "IsActive" {2} NOT NULL, "CreatedAt" {3} NOT NULL, "UpdatedAt" {3} NOT NULL)
            """;
        var postgres = database.Provider == "Postgres";
        var ddl = postgres
            ? string.Format(CultureInfo.InvariantCulture, Create, "uuid", "varchar(400)", "boolean", "timestamp with time zone")
            : string.Format(CultureInfo.InvariantCulture, Create, "TEXT", "TEXT", "INTEGER", "TEXT");
        await using var connection = postgres
            ? (System.Data.Common.DbConnection)new NpgsqlConnection(database.ConnectionString)
            : new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = ddl;
            await command.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        var now = DateTime.UtcNow;
        var rows = new List<JurisdictionWrite>();
        var known = new Dictionary<string, (Guid Id, string Path)>(StringComparer.Ordinal);
        foreach (var kind in DivisionCsv.DirectoryOrder)
        {
            foreach (var r in DivisionData.Read(dir, kind, selection))
            {
                var parent = r.ParentCode is not null && known.TryGetValue(r.ParentCode, out var p) ? p : ((Guid?, string?))default;
                var path = Jurisdiction.ChildPath(parent.Item2, r.Code);
                var id = Guid.CreateVersion7();
                known[r.Code] = (id, path);
                rows.Add(new JurisdictionWrite(true, id, r.Code, r.Name, r.Level, parent.Item1, path, ImportPlan.DepthOf(path),
                    r.Level == JurisdictionLevel.Village ? DivisionRules.SettlementOf(r.Name) : null));
            }
        }

        if (connection is NpgsqlConnection npgsql)
        {
            await CopyAsync(npgsql, rows, now);
        }
        else
        {
            InsertAll((SqliteConnection)connection, rows, now);
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, List<JurisdictionWrite> rows, DateTime now)
    {
        await using var copy = await connection.BeginBinaryImportAsync("""
            COPY "BaselineJurisdictions" ("Id", "Code", "Name", "Level", "ParentId", "Path", "Depth", "Settlement",
                                          "IsActive", "CreatedAt", "UpdatedAt") FROM STDIN (FORMAT BINARY)
            """);
        foreach (var r in rows)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(r.Id, NpgsqlDbType.Uuid);
            await copy.WriteAsync(r.Code, NpgsqlDbType.Varchar);
            await copy.WriteAsync(r.Name, NpgsqlDbType.Varchar);
            await copy.WriteAsync(r.Level.ToString(), NpgsqlDbType.Varchar);
            await WriteNullableAsync(copy, r.ParentId, NpgsqlDbType.Uuid);
            await copy.WriteAsync(r.Path, NpgsqlDbType.Varchar);
            await copy.WriteAsync(r.Depth, NpgsqlDbType.Integer);
            await WriteNullableAsync(copy, r.Settlement?.ToString(), NpgsqlDbType.Varchar);
            await copy.WriteAsync(true, NpgsqlDbType.Boolean);
            await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
        }

        await copy.CompleteAsync();
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await copy.WriteNullAsync();
        }
        else
        {
            await copy.WriteAsync(value, type);
        }
    }

    private static void InsertAll(SqliteConnection connection, List<JurisdictionWrite> rows, DateTime now)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO "BaselineJurisdictions" VALUES ($id, $code, $name, $level, $parent, $path, $depth, $settlement, 1, $now, $now)
            """;
        var p = new[] { "$id", "$code", "$name", "$level", "$parent", "$path", "$depth", "$settlement" }
            .Select(n => command.Parameters.Add(n, n == "$depth" ? SqliteType.Integer : SqliteType.Text)).ToArray();
        command.Parameters.Add("$now", SqliteType.Text).Value = now.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture);
        command.Prepare();
        foreach (var r in rows)
        {
            p[0].Value = r.Id.ToString("D").ToUpperInvariant();
            p[1].Value = r.Code;
            p[2].Value = r.Name;
            p[3].Value = r.Level.ToString();
            p[4].Value = r.ParentId is { } parent ? parent.ToString("D").ToUpperInvariant() : DBNull.Value;
            p[5].Value = r.Path;
            p[6].Value = r.Depth;
            p[7].Value = r.Settlement?.ToString() ?? (object)DBNull.Value;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
