namespace GridGuard.Platform.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from the "Database" section; see README "Running against PostgreSQL".</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite file, relative to the content root, used when no connection string is given.</summary>
    public string Path { get; set; } = "data/gridguard.db";

    /// <summary>Apply pending migrations at start (default on).</summary>
    public bool MigrateOnStart { get; set; } = true;
}
