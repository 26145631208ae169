using Npgsql;

namespace GridGuard.Tests.Infrastructure;

/// <summary>
/// A throwaway database for one test run: a SQLite file by default, or a fresh PostgreSQL database
/// when GRIDGUARD_TEST_POSTGRES holds a connection string (CI always sets it). If the variable is set
/// and the server is missing, creating the database throws and the run fails: a lane never skips silently.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string PostgresVariable = "GRIDGUARD_TEST_POSTGRES";

    private readonly string? adminConnectionString;
    private readonly string? sqliteFile;

    private TestDatabase(string provider, string connectionString, string? admin, string? file, string? name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        adminConnectionString = admin;
        sqliteFile = file;
        Name = name;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    public string? Name { get; }

    public bool IsPostgres => Provider == "Postgres";

    public static string? PostgresConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs ? cs : null;

    public static TestDatabase Create() =>
        PostgresConnectionString is { } cs ? CreatePostgres(cs) : CreateSqlite();

    public static TestDatabase CreateSqlite()
    {
        var file = Path.Combine(Path.GetTempPath(), $"gridguard-test-{Guid.NewGuid():N}.db");
        return new TestDatabase("Sqlite", $"Data Source={file}", null, file, null);
    }

    public static TestDatabase CreatePostgres(string adminConnectionString)
    {
        var name = $"gridguard_test_{Guid.NewGuid():N}";
        using (var conn = new NpgsqlConnection(adminConnectionString))
        {
            conn.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            cmd.ExecuteNonQuery();
        }

        var builder = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name };
        return new TestDatabase("Postgres", builder.ConnectionString, adminConnectionString, null, name);
    }

    public void Dispose()
    {
        if (adminConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var conn = new NpgsqlConnection(adminConnectionString);
            conn.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", conn);
            cmd.ExecuteNonQuery();
        }

        if (sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
            {
                File.Delete(f);
            }
        }
    }
}
