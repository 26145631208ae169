using Microsoft.Data.Sqlite;
using Npgsql;

namespace GridGuard.Bench;

/// <summary>A database of the bench's own: a temporary SQLite file, or a PostgreSQL database it creates and drops.</summary>
public sealed class BenchDatabase : IDisposable
{
    private readonly string? adminConnectionString;
    private readonly string? file;

    private BenchDatabase(string provider, string connectionString, string? admin, string? file, string? name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        adminConnectionString = admin;
        this.file = file;
        Name = name;
    }

    /// <summary>Database:Provider for the app: Sqlite or Postgres.</summary>
    public string Provider { get; }

    public string ConnectionString { get; }

    public string? Name { get; }

    public static BenchDatabase Create(BenchOptions options)
    {
        // GRIDGUARD_BENCH_REUSE names a database kept by an earlier run (GRIDGUARD_BENCH_KEEP=1): a SQLite file or a
        // PostgreSQL database name. The seed finds its county and residents there and adds nothing (for trying fixes).
        var reuse = Environment.GetEnvironmentVariable("GRIDGUARD_BENCH_REUSE") is { Length: > 0 } r ? r : null;
        if (!options.IsPostgres)
        {
            var path = reuse ?? Path.Combine(Path.GetTempPath(), $"gridguard-bench-{Guid.NewGuid():N}.db");
            return new BenchDatabase("Sqlite", $"Data Source={path}", null, path, null);
        }

        var admin = BenchOptions.PostgresAdminConnectionString;
        var name = reuse ?? $"gridguard_bench_{Guid.NewGuid():N}";
        if (reuse is null)
        {
            using var connection = new NpgsqlConnection(admin);
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            command.ExecuteNonQuery();
        }

        // Seeding a million residents runs statements longer than Npgsql's default 30 s command timeout.
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name, CommandTimeout = 900 }.ConnectionString;
        return new BenchDatabase("Postgres", cs, admin, null, name);
    }

    /// <summary>GRIDGUARD_BENCH_KEEP=1 keeps the database after the run (to try an index by hand), and says where it is.</summary>
    public static bool Keep => Environment.GetEnvironmentVariable("GRIDGUARD_BENCH_KEEP") is "1"
        || Environment.GetEnvironmentVariable("GRIDGUARD_BENCH_REUSE") is { Length: > 0 };

    public void Dispose()
    {
        if (Keep)
        {
            Console.WriteLine($"kept database: {Name ?? file}");
            return;
        }

        if (adminConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(adminConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
            command.ExecuteNonQuery();
        }

        if (file is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm", file + "-journal" })
            {
                File.Delete(f);
            }
        }
    }
}
