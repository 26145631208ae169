using System.Net.Http.Json;
using GridGuard.Features.Households;
using GridGuard.Features.Households.Import;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridGuard.Tests.Features.Households.Import;

/// <summary>
/// A file read, planned and written in several chunks (Import:ChunkRows set to a few rows): households stay whole,
/// the rules that span the file still hold, and the large write path leaves the schema as migrated.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ImportHouseholdsChunkTests(AppFactory app)
{
    private sealed record TokenResponse(string AccessToken);

    private static async Task<HttpClient> ClientAsync(WebApplicationFactory<Program> factory, TestUser user)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = user.UserName, password = user.Password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(TestJson.Options);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token!.AccessToken);
        return client;
    }

    private async Task<(TestTree Tree, HttpClient Client, WebApplicationFactory<Program> Factory)> ChunkedAsync(int chunkRows)
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var factory = app.WithWebHostBuilder(b => b.UseSetting("Import:ChunkRows", chunkRows.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return (tree, await ClientAsync(factory, user), factory);
    }

    private Task<Dictionary<string, Person>> PersonsAsync(params string[] ids) =>
        app.WithDbAsync(db => db.Persons.AsNoTracking().Where(p => p.IdNumber != null && ids.Contains(p.IdNumber))
            .ToDictionaryAsync(p => p.IdNumber!));

    [Fact]
    public async Task ImportHouseholds_HouseholdStraddlingAChunkBoundary_IsImportedWhole()
    {
        var (tree, client, factory) = await ChunkedAsync(3);
        using var _ = factory;
        var grid = tree.Grid1.Code;
        var ids = Enumerable.Range(0, 8).Select(_ => ImportFiles.NewId()).ToArray();
        PersonLine[] lines =
        [
            new(grid, "1", "大寨小组21号", "户主", "甲一", ids[0]),   // 3 ┐ chunk 1 would end after row 5,
            new(grid, "1", null, "配偶", "甲二", ids[1]),            // 4 │ but household 1 goes on:
            new(grid, "1", null, "子女", "甲三", ids[2]),            // 5 │ the chunk is cut where the 户编号 changes
            new(grid, "1", null, "子女", "甲四", ids[3]),            // 6 ┘
            new(grid, "2", "大寨小组22号", "户主", "乙一", ids[4]),   // 7 ┐ chunk 2
            new(grid, "2", null, "配偶", "乙二", ids[5]),            // 8 │
            new(grid, "3", "大寨小组23号", "户主", "丙一", ids[6]),   // 9 ┘
            new(grid, "4", "大寨小组24号", "户主", "丁一", ids[7]),   // 10  chunk 3
        ];

        var report = await ImportFiles.ImportAsync(client, ImportFiles.Csv(lines), "chunks.csv");

        Assert.Empty(report.Errors);
        Assert.Equal((8, 8, 8, 4), (report.Rows, report.ImportedPersons, report.PersonsCreated, report.HouseholdsCreated));
        Assert.Equal([new RowRange(3, 10)], report.ImportedRows);
        var persons = await PersonsAsync(ids);
        Assert.Single(ids[..4].Select(id => persons[id].HouseholdId).Distinct());
        Assert.Single(ids[4..6].Select(id => persons[id].HouseholdId).Distinct());
        Assert.Equal(4, ids.Select(id => persons[id].HouseholdId).Distinct().Count());
        var heads = await app.WithDbAsync(db => db.Households.AsNoTracking()
            .Where(h => h.JurisdictionId == tree.Grid1.Id).ToDictionaryAsync(h => h.Id, h => h.HeadId));
        Assert.Equal(
            new[] { ids[0], ids[4], ids[6], ids[7] }.Select(id => (Guid?)persons[id].Id).Order(),
            heads.Values.Order());
        Assert.Equal(persons[ids[0]].Id, heads[persons[ids[3]].HouseholdId!.Value]);
    }

    [Fact]
    public async Task ImportHouseholds_DuplicateIdAndAddressInLaterChunks_AreRowErrorsNamingTheFirstRow()
    {
        var (tree, client, factory) = await ChunkedAsync(2);
        using var _ = factory;
        var grid = tree.Grid1.Code;
        string first = ImportFiles.NewId(), other = ImportFiles.NewId(), third = ImportFiles.NewId(), fourth = ImportFiles.NewId();
        PersonLine[] lines =
        [
            new(grid, "1", "大寨小组31号", "户主", "甲", first),              // 3  chunk 1
            new(grid, "1", null, "子女", "甲子", other),                     // 4
            new(grid, "2", "大寨小组32号", "户主", "乙", third),              // 5  chunk 2
            new(grid, "3", "大寨小组33号", "户主", "丙", fourth),             // 6
            new(grid, "4", "大寨小组34号", "户主", "重复的人", first),        // 7  chunk 3: the ID of row 3
            new(grid, "5", "大寨小组31号", "户主", "同址", ImportFiles.NewId()), // 8  chunk 3: the address of 户编号 1
        ];

        var report = await ImportFiles.ImportAsync(client, ImportFiles.Csv(lines), "dup.csv");

        Assert.Equal([new RowRange(3, 6)], report.ImportedRows);
        Assert.Equal((6, 4, 2), (report.Rows, report.ImportedPersons, report.RejectedRows));
        Assert.Equal("证件号码：与第 3 行重复（同一人只能出现一次）", Assert.Single(report.Errors, e => e.Row == 7).Message);
        Assert.Equal("门牌地址：与户编号“1”（第 3 行）是同一网格的同一地址，同一户请使用同一个户编号",
            Assert.Single(report.Errors, e => e.Row == 8).Message);
        var stored = await PersonsAsync(first);
        Assert.Equal("甲", stored[first].Name);
    }

    [Fact]
    public async Task ImportHouseholds_HouseholdRowsApartInALaterChunk_LaterRowsAreRefused()
    {
        var (tree, client, factory) = await ChunkedAsync(2);
        using var _ = factory;
        var grid = tree.Grid1.Code;
        var ids = Enumerable.Range(0, 5).Select(_ => ImportFiles.NewId()).ToArray();
        PersonLine[] lines =
        [
            new(grid, "1", "大寨小组41号", "户主", "甲", ids[0]),      // 3  chunk 1
            new(grid, "1", null, "配偶", "甲妻", ids[1]),             // 4
            new(grid, "2", "大寨小组42号", "户主", "乙", ids[2]),      // 5  chunk 2
            new(grid, "3", "大寨小组43号", "户主", "丙", ids[3]),      // 6
            new(grid, "1", null, "子女", "甲子", ids[4]),             // 7  chunk 3: household 1 again
        ];

        var report = await ImportFiles.ImportAsync(client, ImportFiles.Csv(lines), "apart.csv");

        Assert.Equal([new RowRange(3, 6)], report.ImportedRows);
        var error = Assert.Single(report.Errors);
        Assert.Equal((7, "户编号"), (error.Row, error.Column));
        Assert.StartsWith("户编号：户编号“1”的户从第 3 行开始，已在前面处理", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ids[4], (await PersonsAsync(ids)).Keys);
    }

    [Fact]
    public async Task ImportHouseholds_ReimportInChunks_ChangesNothing()
    {
        var (tree, client, factory) = await ChunkedAsync(2);
        using var _ = factory;
        var grid = tree.Grid1.Code;
        var file = ImportFiles.Csv(
        [
            new(grid, "1", "大寨小组51号", "户主", "甲", ImportFiles.NewId()),
            new(grid, "1", null, "子女", "无证件的孩子", null),
            new(grid, "1", null, "子女", "另一个孩子", ImportFiles.NewId()),
            new(grid, "2", "大寨小组52号", "户主", "乙", ImportFiles.NewId()),
        ]);

        var first = await ImportFiles.ImportAsync(client, file, "again.csv");
        var second = await ImportFiles.ImportAsync(client, file, "again.csv");

        Assert.Equal((4, 2), (first.PersonsCreated, first.HouseholdsCreated));
        Assert.Equal((0, 0, 4, 0, 0), (second.PersonsCreated, second.PersonsUpdated, second.PersonsUnchanged, second.HouseholdsCreated, second.HouseholdsUpdated));
        Assert.Equal(4, await app.WithDbAsync(db => db.Persons.CountAsync(p => p.JurisdictionId == tree.Grid1.Id)));
    }

    [Fact]
    public async Task ImportHouseholds_Importer_ReportsProgressAfterEachChunk()
    {
        var (tree, _, factory) = await ChunkedAsync(2);
        using var __ = factory;
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var lines = Enumerable.Range(0, 5).Select(i => new PersonLine(tree.Grid1.Code, $"{i}", $"大寨小组6{i}号", "户主", "某", ImportFiles.NewId()));
        var rows = lines.Select((l, i) => ImportRowRules.Parse(
            new ImportRecord(i + 3, [.. l.Cells().Select(c => new RawCell(c))], null), new DateOnly(2026, 11, 24))).ToList();
        var seen = new List<ImportProgress>();

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            scope.ServiceProvider.GetRequiredService<CurrentUser>()
                .Set(user.Id, user.UserName, "测试", await CurrentUser.LoadGrantsAsync(db, user.Id, CancellationToken.None));
            var importer = scope.ServiceProvider.GetRequiredService<HouseholdImporter>();
            await importer.ImportAsync(new ImportInput("p.csv", rows, read => 5), new SyncProgress(seen.Add), CancellationToken.None);
        }

        // One report per chunk, then one that says every row is in and the commit is under way.
        Assert.Equal([2, 4, 5, 5], seen.Select(p => p.Rows));
        Assert.Equal([2, 4, 5, 5], seen.Select(p => p.Imported));
        Assert.Equal([false, false, false, true], seen.Select(p => p.Finishing));
        Assert.All(seen, p => Assert.Equal(5, p.EstimatedRows));
    }

    [Fact]
    public async Task ImportHouseholds_LargeUploadIntoANewRegistry_MatchesWhatWasThereAndLeavesIndexesAndKeysAsMigrated()
    {
        // A database of its own: the large path is taken only when the upload is at least half the registry, and on
        // PostgreSQL dropping indexes and keys only into a registry of fewer than Import:InitialLoadBelowPersons.
        using var fresh = new AppFactory();
        var (indexes, keys) = (await IndexesAsync(fresh), await ForeignKeysAsync(fresh));
        var tree = await TestTree.CreateAsync(fresh);
        var user = await TestUsers.CreateAsync(fresh, (Role.VillageOfficer, tree.Village1.Id));
        var known = ImportFiles.NewId();
        await ImportFiles.ImportAsync(await ClientAsync(fresh, user),
            ImportFiles.Csv([new(tree.Grid1.Code, "k", "老寨小组1号", "户主", "早登记", known)]), "small.csv");
        var log = new LogCapture();
        using var large = fresh.WithWebHostBuilder(b => b.UseSetting("Import:ChunkRows", "2").UseSetting("Import:LargeFromRows", "1")
            .ConfigureServices(s => s.AddSingleton<ILoggerProvider>(log)));
        var ids = Enumerable.Range(0, 6).Select(_ => ImportFiles.NewId()).Append(known).ToArray();
        var lines = ids.Select((id, i) => new PersonLine(tree.Grid1.Code, $"{i / 2}", $"大寨小组7{i / 2}号", i % 2 == 0 ? "户主" : "子女",
            id == known ? "早登记" : "某", id));

        var report = await ImportFiles.ImportAsync(await ClientAsync(large, user), ImportFiles.Csv(lines), "large.csv");

        // The known person sits in the last chunk, after the large path began: matched, moved, not duplicated.
        Assert.Equal((6, 1, 4), (report.PersonsCreated, report.PersonsUpdated, report.HouseholdsCreated));
        Assert.Contains(log.Messages, m => m.Contains("(large write path: True)", StringComparison.Ordinal));
        Assert.Equal(indexes, await IndexesAsync(fresh));
        Assert.Equal(keys, await ForeignKeysAsync(fresh));
        Assert.Equal(1, await fresh.WithDbAsync(db => db.Persons.CountAsync(p => p.IdNumber == known && p.JurisdictionId == tree.Grid1.Id)));
        Assert.Equal(6, await fresh.WithDbAsync(db => db.Persons.CountAsync(p => p.Name == "某" && ids.Contains(p.IdNumber!))));
        Assert.Equal(4, await fresh.WithDbAsync(db => db.Households.CountAsync(h => h.JurisdictionId == tree.Grid1.Id && h.HeadId != null))); // the old household lost its head
        if (!fresh.Database.IsPostgres)
        {
            // The upload's connection, back in the pool (the next one handed out), checkpoints automatically again.
            Assert.Equal(1000, await WalAutocheckpointAsync(large));
        }
    }

    [Fact]
    public async Task ImportHouseholds_FirstLoadWhileAReaderHoldsTheRegistry_ImportsWithoutWaitingForTheReader()
    {
        // PostgreSQL: the reader's lock makes dropping the indexes time out (5 s); the upload goes on with them kept.
        using var fresh = new AppFactory();
        var (indexes, keys) = (await IndexesAsync(fresh), await ForeignKeysAsync(fresh));
        var tree = await TestTree.CreateAsync(fresh);
        var user = await TestUsers.CreateAsync(fresh, (Role.VillageOfficer, tree.Village1.Id));
        using var large = fresh.WithWebHostBuilder(b => b.UseSetting("Import:ChunkRows", "2").UseSetting("Import:LargeFromRows", "1"));
        var ids = Enumerable.Range(0, 6).Select(_ => ImportFiles.NewId()).ToArray();
        var lines = ids.Select((id, i) => new PersonLine(tree.Grid1.Code, $"{i / 2}", $"大寨小组8{i / 2}号", i % 2 == 0 ? "户主" : "子女", "某", id));
        await using var scope = fresh.Services.CreateAsyncScope();
        var reader = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var connection = reader.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var readTransaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true) // a reader's snapshot, not IMMEDIATE (the default: a writer's lock)
            : await connection.BeginTransactionAsync();
        await reader.Database.UseTransactionAsync(readTransaction);
        var before = await reader.Persons.CountAsync();

        var report = await ImportFiles.ImportAsync(await ClientAsync(large, user), ImportFiles.Csv(lines), "large.csv");

        Assert.Equal((6, 3), (report.PersonsCreated, report.HouseholdsCreated));
        Assert.True(await reader.Persons.CountAsync() >= before); // the reader's transaction is still usable
        await readTransaction.CommitAsync();
        Assert.Equal(indexes, await IndexesAsync(fresh));
        Assert.Equal(keys, await ForeignKeysAsync(fresh));
        Assert.Equal(6, await fresh.WithDbAsync(db => db.Persons.CountAsync(p => ids.Contains(p.IdNumber!))));
    }

    private static async Task<long> WalAutocheckpointAsync(WebApplicationFactory<Program> factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>PostgreSQL: the foreign keys of the registry tables with their definitions (SQLite never drops them).</summary>
    private static Task<List<string>> ForeignKeysAsync(AppFactory factory) => factory.Database.IsPostgres
        ? factory.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
            """
            SELECT conname || ' ' || pg_get_constraintdef(oid) AS "Value" FROM pg_constraint
            WHERE contype = 'f' AND conrelid IN ('"Persons"'::regclass, '"Households"'::regclass, '"HouseholdMemberships"'::regclass, '"PersonVulnerableGroups"'::regclass)
            """).OrderBy(s => s).ToListAsync())
        : Task.FromResult(new List<string>());

    private static Task<List<string>> IndexesAsync(AppFactory factory) => factory.WithDbAsync(db =>
        (factory.Database.IsPostgres
            ? db.Database.SqlQueryRaw<string>("""SELECT indexdef AS "Value" FROM pg_indexes WHERE tablename IN ('Persons', 'Households')""")
            : db.Database.SqlQueryRaw<string>("""SELECT sql AS "Value" FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('Persons', 'Households') AND sql IS NOT NULL"""))
        .OrderBy(s => s).ToListAsync());

    private sealed class LogCapture : ILoggerProvider, ILogger
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }

    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
