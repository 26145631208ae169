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
/// <item>Large uploads (<see cref="GoLargeAsync"/>): the secondary indexes whose keys arrive in random order
/// (persons by identity number, name, phone and the coverage index; households by address) are dropped and rebuilt
/// from their own SQL before commit, as the division import does; the indexes the import itself reads by (the unique
/// identity number, node, household) stay. SQLite: other connections never see it (it is all in the transaction).
/// PostgreSQL: only for a county's first load, since readers of those tables wait until the upload commits.</item>
/// <item>New households and persons with the heads of the households (<see cref="InsertNewAsync"/>): PostgreSQL
/// through staging tables and one statement, SQLite in two bulk inserts and one prepared update.</item>
/// </list>
/// </summary>
internal sealed class ImportWriteSession : IAsyncDisposable
{
    /// <summary>SQLite page cache while importing, in KiB.</summary>
    public const long SqliteCacheKiB = 256 * 1024;

    private readonly AppDbContext db;
    private readonly List<string> rebuild = [];
    private long? previousCache;
    private long? previousAutocheckpoint;
    private bool staged;
    private bool registryKeysDropped;

    private ImportWriteSession(AppDbContext db) => this.db = db;

    public bool Large { get; private set; }

    /// <summary>
    /// On a first load (large path), the identity numbers the registry held when the large path began: then the only
    /// persons a row can match, since the file itself never repeats a number (<see cref="ImportFileState"/>) and no
    /// other upload can add one until commit (PostgreSQL: the dropped index's lock; SQLite: the write lock). Null
    /// otherwise: match with a query per chunk.
    /// </summary>
    public IReadOnlyDictionary<(IdType, string), Guid>? KnownNumbers { get; private set; }

    public static async Task<ImportWriteSession> BeginAsync(AppDbContext db, CancellationToken ct)
    {
        var session = new ImportWriteSession(db);
        if (session.Sqlite is not null)
        {
            session.previousCache = await session.ScalarAsync("PRAGMA cache_size", ct);
            await session.ExecuteAsync($"PRAGMA cache_size = -{SqliteCacheKiB}", ct);
        }

        return session;
    }

    /// <summary>
    /// Switches to the large-upload write path: drops the random-order indexes until <see cref="EndAsync"/>. SQLite:
    /// always (other connections never see it). PostgreSQL: only for a county's first load
    /// (<paramref name="initialLoad"/>), because dropping an index locks its table against readers until commit; if a
    /// reader holds a table for more than 5 s, the indexes stay and the upload goes on without them dropped.
    /// </summary>
    public async Task GoLargeAsync(bool initialLoad, CancellationToken ct)
    {
        if (Large)
        {
            return;
        }

        Large = true;
        if (Sqlite is not null)
        {
            // The commit would copy the whole upload from the WAL into the database before answering; that is left to
            // CheckpointLater, after the answer (the data is durable once committed to the WAL).
            previousAutocheckpoint = await ScalarAsync("PRAGMA wal_autocheckpoint", ct);
            await ExecuteAsync("PRAGMA wal_autocheckpoint = 0", ct);
            await DropIndexesAsync(initialLoad: false, ct);
            if (initialLoad)
            {
                await ReadKnownNumbersAsync(ct); // the upload holds SQLite's write lock: nobody else adds a number
            }
        }
        else if (initialLoad)
        {
            const string savepoint = "import_large";
            var transaction = db.Database.CurrentTransaction!;
            await transaction.CreateSavepointAsync(savepoint, ct);
            try
            {
                await ExecuteAsync("SET LOCAL lock_timeout = '5s'", ct);
                await DropIndexesAsync(initialLoad: true, ct);
                await DropRegistryForeignKeysAsync(ct);
                await ExecuteAsync("SET LOCAL lock_timeout TO DEFAULT", ct);
                await transaction.ReleaseSavepointAsync(savepoint, ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                await transaction.RollbackToSavepointAsync(savepoint, ct);
                rebuild.Clear();
                KnownNumbers = null;
                registryKeysDropped = false;
            }
        }
    }

    /// <summary>
    /// Drops <see cref="RandomOrderIndexes"/>, remembering each one's own SQL to rebuild it. On a first load the
    /// registry's identity numbers are then read into <see cref="KnownNumbers"/>: after the drop, whose lock lets no
    /// other transaction add a person until commit, so the read sees every number there will be.
    /// </summary>
    private async Task DropIndexesAsync(bool initialLoad, CancellationToken ct)
    {
        var names = RandomOrderIndexes(initialLoad).ToList();
        var list = string.Join(", ", names.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)));
        var found = await ReadAsync(Sqlite is not null
            ? $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ({list})"
            : $"SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname IN ({list})", names, ct);
        foreach (var row in found)
        {
            await ExecuteAsync($"DROP INDEX \"{row[0]}\"", ct);
            rebuild.Add(row[1]);
        }

        if (initialLoad)
        {
            await ReadKnownNumbersAsync(ct);
        }
    }

    /// <summary>The registry's identity numbers (a first load: fewer than Import:InitialLoadBelowPersons persons).</summary>
    private async Task ReadKnownNumbersAsync(CancellationToken ct) =>
        KnownNumbers = await db.Persons.AsNoTracking().Where(p => p.IdNumber != null)
            .Select(p => new { p.IdType, p.IdNumber, p.Id })
            .ToDictionaryAsync(p => (p.IdType, p.IdNumber!), p => p.Id, ct);

    /// <summary>
    /// PostgreSQL first load: drops the foreign keys between the registry's own tables (persons ⇄ households, stays and
    /// groups → persons, stays → households) and adds them again before commit, which checks every row in one join.
    /// Checked row by row, each new stay locked its person and household (a written row lock, twice per stay): a third
    /// of the load's time. Keys to other tables (the tree, users) stay, so those tables are never locked.
    /// </summary>
    private async Task DropRegistryForeignKeysAsync(CancellationToken ct)
    {
        var found = await ReadAsync(
            """
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c
            WHERE c.contype = 'f'
              AND c.conrelid IN ('"Persons"'::regclass, '"Households"'::regclass, '"HouseholdMemberships"'::regclass, '"PersonVulnerableGroups"'::regclass)
              AND c.confrelid IN ('"Persons"'::regclass, '"Households"'::regclass)
            ORDER BY c.conname
            """, [], ct);
        foreach (var (table, name, definition) in found.Select(r => (r[0], r[1], r[2])))
        {
            await ExecuteAsync($"ALTER TABLE {table} DROP CONSTRAINT \"{name}\"", ct);
            rebuild.Add($"ALTER TABLE {table} ADD CONSTRAINT \"{name}\" {definition}");
        }

        registryKeysDropped = found.Count > 0;
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
        if (rebuild.Count > 0 && Sqlite is null)
        {
            await ExecuteAsync("SET LOCAL maintenance_work_mem = '256MB'", ct); // sorts the keys of each index in memory
        }

        foreach (var sql in rebuild)
        {
            await ExecuteAsync(sql, ct);
        }

        rebuild.Clear();
        if (previousCache is { } cache)
        {
            await ExecuteAsync("PRAGMA cache_size = " + cache.ToString(CultureInfo.InvariantCulture), ct);
        }
    }

    /// <summary>
    /// SQLite: gives the upload's connection back its automatic checkpoints (before it returns to the pool, whether
    /// the upload committed or not).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (previousAutocheckpoint is not { } pages || Sqlite is not { } connection)
        {
            return;
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = Transaction is { Connection: not null } open ? open : null; // committed: none
            command.CommandText = "PRAGMA wal_autocheckpoint = " + pages.ToString(CultureInfo.InvariantCulture);
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            // A broken connection is not reused by the pool.
        }
    }

    /// <summary>
    /// SQLite, after a large upload committed: copies the WAL into the database on a connection of its own, after the
    /// answer (passive: it never blocks readers or writers; their own automatic checkpoints skip while it runs).
    /// </summary>
    public void CheckpointLater(ILogger log)
    {
        if (previousAutocheckpoint is null || db.Database.GetConnectionString() is not { } connectionString)
        {
            return;
        }

        _ = Task.Run(() =>
        {
            try
            {
                using var connection = new SqliteConnection(connectionString);
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                command.ExecuteNonQuery();
            }
            catch (SqliteException e)
            {
                log.LogWarning(e, "Checkpoint after a household import failed; SQLite's next automatic checkpoint does it");
            }
        });
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

        if (households.Count == 0 || persons.Count == 0 || registryKeysDropped)
        {
            // Without persons no household here has a new head; without the registry's foreign keys (a first load) the
            // households can go in with their heads before the persons.
            await BulkCopy.InsertAsync(db, households, ct);
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

    /// <summary>
    /// The names of the indexes whose keys a bulk load brings in random order, from the EF model; on a first load also
    /// the unique identity number (the upload then matches numbers in memory, <see cref="KnownNumbers"/>).
    /// </summary>
    private IEnumerable<string> RandomOrderIndexes(bool initialLoad)
    {
        List<string[]> persons = [[nameof(Person.IdNumber)], [nameof(Person.Name), nameof(Person.Id)], [nameof(Person.Phone)],
            [nameof(Person.JurisdictionId), nameof(Person.Status), nameof(Person.BirthDate), nameof(Person.HouseholdId)]];
        if (initialLoad)
        {
            persons.Add([nameof(Person.IdType), nameof(Person.IdNumber)]);
        }

        List<string[]> households = [[nameof(Household.Address)], [nameof(Household.JurisdictionId), nameof(Household.StewardId), nameof(Household.Address)]];
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

    /// <summary>A command on the upload's connection, in its transaction, with the parameters @p0, @p1… bound to <paramref name="values"/>.</summary>
    private System.Data.Common.DbCommand Command(string sql, IReadOnlyList<string>? values = null)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = sql;
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            var parameter = command.CreateParameter();
            (parameter.ParameterName, parameter.Value) = ("@p" + i.ToString(CultureInfo.InvariantCulture), values![i]);
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>The rows of a query whose columns are all text.</summary>
    private async Task<List<string[]>> ReadAsync(string sql, IReadOnlyList<string> values, CancellationToken ct)
    {
        await using var command = Command(sql, values);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<string[]>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        return rows;
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var command = Command(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync(ct);
    }
}
