using System.Globalization;
using GridGuard.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace GridGuard.Features.Households.Import;

/// <summary>
/// The provider-specific parts of an import's writes, inside its transaction.
/// <list type="bullet">
/// <item>SQLite: a 256 MiB page cache for the upload's connection while it writes (restored after): the person indexes
/// on identity number, name and phone take rows in random order, and with the default 2 MiB cache each insert reads
/// their pages again.</item>
/// <item>SQLite, large uploads (<see cref="GoLargeAsync"/>): the secondary indexes whose keys arrive in random order
/// (persons by identity number, name, phone and the coverage index; households by address) are dropped and rebuilt
/// from their own SQL before commit, as the division import does. Other connections never see it (it is all in
/// the transaction); the indexes the import itself reads by (the unique identity number, node, household) stay.</item>
/// <item>Heads of new households in one statement (PostgreSQL <c>unnest</c>) or one prepared statement (SQLite).</item>
/// </list>
/// </summary>
internal sealed class ImportWriteSession
{
    /// <summary>SQLite page cache while importing, in KiB.</summary>
    public const long SqliteCacheKiB = 256 * 1024;

    private readonly AppDbContext db;
    private readonly List<string> rebuild = [];
    private long? previousCache;

    private ImportWriteSession(AppDbContext db) => this.db = db;

    public bool Large { get; private set; }

    public static async Task<ImportWriteSession> BeginAsync(AppDbContext db, CancellationToken ct)
    {
        var session = new ImportWriteSession(db);
        if (session.Sqlite is { } connection)
        {
            session.previousCache = Convert.ToInt64(await session.ScalarAsync(connection, "PRAGMA cache_size", ct), CultureInfo.InvariantCulture);
            await session.ExecuteAsync(connection, $"PRAGMA cache_size = -{SqliteCacheKiB}", ct);
        }

        return session;
    }

    /// <summary>
    /// Switches to the large-upload write path. SQLite: drops the random-order indexes until <see cref="EndAsync"/>.
    /// PostgreSQL: nothing yet (dropping its indexes and foreign keys would lock the registry tables for readers).
    /// </summary>
    public async Task GoLargeAsync(CancellationToken ct)
    {
        if (Large)
        {
            return;
        }

        Large = true;
        if (Sqlite is not { } connection)
        {
            return;
        }

        var names = RandomOrderIndexes().ToList();
        await using var command = connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ({string.Join(", ", names.Select((_, i) => "$n" + i))})";
        for (var i = 0; i < names.Count; i++)
        {
            command.Parameters.AddWithValue("$n" + i, names[i]);
        }

        var found = new List<(string Name, string Sql)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                found.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, sql) in found)
        {
            await ExecuteAsync(connection, $"DROP INDEX \"{name}\"", ct);
            rebuild.Add(sql);
        }
    }

    /// <summary>
    /// PostgreSQL: refreshes the planner's statistics of the tables the import fills (ANALYZE counts the transaction's
    /// own new rows). Without it the planner still believes them as small as when the upload began, and the match
    /// queries and foreign-key checks of later chunks are planned as scans of a tiny table.
    /// </summary>
    public async Task RefreshStatisticsAsync(CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is NpgsqlConnection)
        {
            await db.Database.ExecuteSqlRawAsync(
                """ANALYZE "Persons", "Households", "HouseholdMemberships", "PersonVulnerableGroups" """, ct);
        }
    }

    /// <summary>Rebuilds what <see cref="GoLargeAsync"/> dropped and restores the page cache. Call before commit.</summary>
    public async Task EndAsync(CancellationToken ct)
    {
        if (Sqlite is not { } connection)
        {
            return;
        }

        foreach (var sql in rebuild)
        {
            await ExecuteAsync(connection, sql, ct);
        }

        rebuild.Clear();
        if (previousCache is { } cache)
        {
            await ExecuteAsync(connection, "PRAGMA cache_size = " + cache.ToString(CultureInfo.InvariantCulture), ct);
        }
    }

    /// <summary>Sets HeadId of households this upload created (no audit, as for the rest of their insert).</summary>
    public async Task SetNewHeadsAsync(List<(Guid Household, Guid Person)> pairs, CancellationToken ct)
    {
        if (pairs.Count == 0)
        {
            return;
        }

        switch (db.Database.GetDbConnection())
        {
            case NpgsqlConnection:
                await db.Database.ExecuteSqlRawAsync(
                    """UPDATE "Households" AS h SET "HeadId" = v.head FROM unnest(@ids, @heads) AS v(id, head) WHERE h."Id" = v.id""",
                    [new NpgsqlParameter("ids", pairs.Select(p => p.Household).ToArray()), new NpgsqlParameter("heads", pairs.Select(p => p.Person).ToArray())],
                    ct);
                break;
            case SqliteConnection sqlite:
                await using (var command = sqlite.CreateCommand())
                {
                    command.Transaction = Transaction;
                    command.CommandText = """UPDATE "Households" SET "HeadId" = $head WHERE "Id" = $id""";
                    var head = command.Parameters.Add("$head", SqliteType.Text);
                    var id = command.Parameters.Add("$id", SqliteType.Text);
                    command.Prepare();
                    foreach (var (household, person) in pairs)
                    {
                        // As EF Core's SQLite provider stores a Guid: upper-case text with hyphens.
                        (head.Value, id.Value) = (person.ToString("D").ToUpperInvariant(), household.ToString("D").ToUpperInvariant());
                        await command.ExecuteNonQueryAsync(ct);
                    }
                }

                break;
            default:
                throw new NotSupportedException(db.Database.ProviderName);
        }
    }

    private SqliteConnection? Sqlite => db.Database.GetDbConnection() as SqliteConnection;

    private SqliteTransaction? Transaction => (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();

    /// <summary>The names of the indexes whose keys a bulk load brings in random order, from the EF model.</summary>
    private IEnumerable<string> RandomOrderIndexes()
    {
        string[][] persons = [[nameof(Person.IdNumber)], [nameof(Person.Name)], [nameof(Person.Phone)],
            [nameof(Person.JurisdictionId), nameof(Person.Status), nameof(Person.BirthDate), nameof(Person.HouseholdId)]];
        string[][] households = [[nameof(Household.Address)], [nameof(Household.JurisdictionId), nameof(Household.StewardId), nameof(Household.Address)]];
        foreach (var (type, wanted) in new[] { (typeof(Person), persons), (typeof(Household), households) })
        {
            foreach (var index in db.Model.FindEntityType(type)!.GetIndexes())
            {
                var columns = index.Properties.Select(p => p.Name).ToArray();
                if (wanted.Any(w => w.SequenceEqual(columns)) && index.GetDatabaseName() is { } name)
                {
                    yield return name;
                }
            }
        }
    }

    private async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }

    private async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
