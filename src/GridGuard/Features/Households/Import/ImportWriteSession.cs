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
/// <item>New households and persons with the heads of the households (<see cref="InsertNewAsync"/>): PostgreSQL
/// through staging tables and one statement, SQLite in two bulk inserts and one prepared update.</item>
/// </list>
/// </summary>
internal sealed class ImportWriteSession
{
    /// <summary>SQLite page cache while importing, in KiB.</summary>
    public const long SqliteCacheKiB = 256 * 1024;

    private readonly AppDbContext db;
    private readonly List<string> rebuild = [];
    private long? previousCache;
    private bool staged;

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

    /// <summary>
    /// Inserts the chunk's new households (with <see cref="Household.HeadId"/> set to their 户主) and new persons,
    /// unaudited. A household and its head point at each other, so:
    /// <list type="bullet">
    /// <item>PostgreSQL: both go by binary COPY into temporary staging tables, then into the registry in one
    /// statement (two data-modifying CTEs), whose foreign keys are checked at its end, when both rows are there.
    /// This saves updating every new household again (a second version of each row and of all its index entries).</item>
    /// <item>SQLite (foreign keys checked row by row): households without heads, persons, then the heads in one
    /// prepared statement.</item>
    /// </list>
    /// </summary>
    public async Task InsertNewAsync(List<Household> households, List<Person> persons, CancellationToken ct)
    {
        if (Sqlite is not null)
        {
            var heads = households.Where(h => h.HeadId is not null).Select(h => (h.Id, h.HeadId!.Value)).ToList();
            foreach (var h in households)
            {
                h.HeadId = null;
            }

            await BulkCopy.InsertAsync(db, households, ct);
            await BulkCopy.InsertAsync(db, persons, ct);
            await SetNewHeadsAsync(heads, ct);
            return;
        }

        if (households.Count == 0 || persons.Count == 0)
        {
            await BulkCopy.InsertAsync(db, households, ct); // without persons, no household here has a new head
            await BulkCopy.InsertAsync(db, persons, ct);
            return;
        }

        await db.Database.ExecuteSqlRawAsync(staged
            ? """TRUNCATE "import_staged_households", "import_staged_persons" """
            : """
              CREATE TEMPORARY TABLE "import_staged_households" (LIKE "Households") ON COMMIT DROP;
              CREATE TEMPORARY TABLE "import_staged_persons" (LIKE "Persons") ON COMMIT DROP
              """, ct);
        staged = true;
        await BulkCopy.InsertAsync(db, households, "import_staged_households", ct);
        await BulkCopy.InsertAsync(db, persons, "import_staged_persons", ct);
        await db.Database.ExecuteSqlRawAsync(
            """
            WITH households AS (INSERT INTO "Households" SELECT * FROM "import_staged_households")
            INSERT INTO "Persons" SELECT * FROM "import_staged_persons"
            """, ct);
    }

    /// <summary>SQLite: sets HeadId of households this upload created (no audit, as for the rest of their insert).</summary>
    private async Task SetNewHeadsAsync(List<(Guid Household, Guid Person)> pairs, CancellationToken ct)
    {
        if (pairs.Count == 0 || Sqlite is not { } sqlite)
        {
            return;
        }

        await using var command = sqlite.CreateCommand();
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
