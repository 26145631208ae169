using GridGuard.Features.Jurisdictions;
using GridGuard.Platform;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using C = GridGuard.Features.Households.Import.ImportColumns;

namespace GridGuard.Features.Households.Import;

/// <summary>
/// Writes the good rows of a household list into the registry, in one transaction, chunk by chunk.
/// <list type="bullet">
/// <item>The rows stream in and are planned and written in chunks of about <see cref="ImportOptions.ChunkRows"/>,
/// cut between households; the rules that span the file (an identity number twice, an address under two 户编号) are
/// kept by <see cref="ImportFileState"/>. The next chunk is read and parsed while one is written (<see cref="ReadAhead"/>).
/// Memory holds two chunks and that compact state, not the file.</item>
/// <item>Grids must exist, be grids, and lie where the user holds a registry-editor role (ancestor-or-self).</item>
/// <item>Households are matched by grid + address + unit + room; persons by (IdType, IdNumber), else by
/// (household, name) among persons without a number. A match is updated, never duplicated; a person whose
/// household changes gets the old membership closed today and a new one opened.</item>
/// <item>Empty optional cells leave what the registry has; a filled 特殊群体 cell is the person's full list.</item>
/// <item>New households, persons, stays and groups are bulk-inserted (<see cref="BulkCopy"/>: PostgreSQL COPY, SQLite
/// prepared inserts) without per-row audit lines (one summary line per upload); changes to existing persons and
/// households go through EF and the audit interceptor field by field.</item>
/// </list>
/// Re-running the same file finds everything already there and changes nothing.
/// </summary>
public sealed partial class HouseholdImporter(
    AppDbContext db, AuditLog audit, CountyClock clock, CurrentUser me, IOptions<ImportOptions> options,
    ILogger<HouseholdImporter> log)
{
    public const int Batch = 1000;

    private sealed record Target(ImportRow Row, PlannedHousehold Household)
    {
        public Guid? PersonId { get; set; }
    }

    public Task<HouseholdImportReport> ImportAsync(string fileName, IEnumerable<ImportRow> rows, CancellationToken ct) =>
        ImportAsync(new ImportInput(fileName, rows), null, ct);

    /// <summary>
    /// Imports the rows as they are read; <paramref name="progress"/> hears after each chunk. An exception (a file that
    /// breaks half-way, a database refusal) rolls everything back: an upload goes in whole or not at all.
    /// </summary>
    public async Task<HouseholdImportReport> ImportAsync(ImportInput input, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var fileName = input.FileName;
        var today = clock.Today;
        var now = clock.UtcNow;
        var file = new ImportFileState();
        var tally = new ImportTally();
        var time = new PhaseTimes();
        ImportWriteSession? committed = null;

        // Opened here, not by the transaction (which closes what it opened at commit), so that the session can reset the
        // connection after the commit (ImportWriteSession.DisposeAsync) before it goes back to the pool.
        await db.Database.OpenConnectionAsync(ct);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await using var session = await ImportWriteSession.BeginAsync(db, ct);
            int? registry = null;
            await foreach (var chunk in ReadAhead(Chunks(input.Rows, Math.Max(1, options.Value.ChunkRows)), ct))
            {
                time.Chunks++;
                await ImportChunkAsync(chunk, file, tally, today, now, time, session, ct);
                var estimate = input.EstimateRows?.Invoke(tally.Rows);
                progress?.Report(tally.Progress with { EstimatedRows = estimate });
                if (!session.Large && estimate >= options.Value.LargeFromRows)
                {
                    // The persons the registry held before this upload (the count sees the upload's own rows).
                    registry ??= await db.Persons.CountAsync(ct) - tally.PersonsCreated;
                    if (estimate >= registry / 2)
                    {
                        await session.GoLargeAsync(registry.Value < options.Value.InitialLoadBelowPersons, ct);
                    }
                }

                if (session.Large && System.Numerics.BitOperations.IsPow2(time.Chunks))
                {
                    await session.RefreshStatisticsAsync(ct); // after chunks 1, 2, 4, 8…: as the tables double
                }
            }

            progress?.Report(tally.Progress with { EstimatedRows = tally.Rows, Finishing = true });
            var rebuild = PhaseTimes.Start();
            time.Large = session.Large;
            await session.EndAsync(ct);
            time.Rebuild = rebuild.Elapsed;

            var commit = PhaseTimes.Start();
            audit.Bulk(nameof(Person), "Import", new
            {
                file = fileName,
                rows = tally.Rows,
                imported = tally.Imported,
                personsCreated = tally.PersonsCreated,
                personsUpdated = tally.PersonsUpdated,
                householdsCreated = tally.HouseholdsCreated,
                householdsUpdated = tally.HouseholdsUpdated.Count,
                rejected = tally.Rejected,
            }, await CommonAncestorAsync(db, file.GridPaths, ct));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            time.Commit += commit.Elapsed;
            committed = session;
        }

        committed.CheckpointLater(log);

        try
        {
            await Canvassing.Coverage.CoverageChanges.BumpAllAsync(db, ct); // set-based writes: the interceptor saw none of them
        }
        catch (System.Data.Common.DbException e)
        {
            // The import has committed: answering an error now would report saved rows as lost.
            log.LogError(e, "Household import {File}: coverage counts could not be marked changed", fileName);
        }

        await db.Database.CloseConnectionAsync();

        log.LogInformation(
            "Household import {File}: {Rows} rows in {Chunks} chunks (large write path: {Large}), {Seconds:0.00} s; read and parse {Read:0} ms, "
            + "plan {Plan:0} ms, match {Match:0} ms, insert {Insert:0} ms, update {Update:0} ms, heads {Heads:0} ms, index rebuild {Rebuild:0} ms, "
            + "commit {Commit:0} ms",
            fileName, tally.Rows, time.Chunks, time.Large, time.Total.Elapsed.TotalSeconds, time.Read.TotalMilliseconds, time.Plan.TotalMilliseconds,
            time.Match.TotalMilliseconds, time.Insert.TotalMilliseconds, time.Update.TotalMilliseconds, time.Heads.TotalMilliseconds,
            time.Rebuild.TotalMilliseconds, time.Commit.TotalMilliseconds);
        return tally.Report(fileName);
    }

    /// <summary>Where an import's time went (logged once per upload); reading is what is left over (with the read-ahead: waiting for it).</summary>
    private sealed class PhaseTimes
    {
        public System.Diagnostics.Stopwatch Total { get; } = System.Diagnostics.Stopwatch.StartNew();

        public int Chunks { get; set; }

        public bool Large { get; set; }

        public TimeSpan Plan { get; set; }

        public TimeSpan Match { get; set; }

        public TimeSpan Insert { get; set; }

        public TimeSpan Update { get; set; }

        public TimeSpan Heads { get; set; }

        public TimeSpan Rebuild { get; set; }

        public TimeSpan Commit { get; set; }

        public TimeSpan Read => Total.Elapsed - Plan - Match - Insert - Update - Heads - Rebuild - Commit;

        public static System.Diagnostics.Stopwatch Start() => System.Diagnostics.Stopwatch.StartNew();
    }

    /// <summary>
    /// Consecutive runs of about <paramref name="size"/> rows, each cut where the 户编号 changes so that a household's
    /// rows stay together (a household longer than ten chunks is cut anyway; its later rows are then refused).
    /// </summary>
    internal static IEnumerable<List<ImportRow>> Chunks(IEnumerable<ImportRow> rows, int size)
    {
        var chunk = new List<ImportRow>();
        string? last = null;
        foreach (var row in rows)
        {
            if (chunk.Count >= size && (row.HouseholdKey is null || row.HouseholdKey != last || chunk.Count >= Math.Max(10 * size, 100_000)))
            {
                yield return chunk;
                chunk = [];
            }

            chunk.Add(row);
            last = row.HouseholdKey;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    /// <summary>
    /// Reads and parses the next chunk on a thread-pool thread while the caller writes this one (one chunk ahead, so
    /// memory holds about two chunks): reading the file and writing the database then share the machine's cores
    /// instead of taking turns. The reader is only ever advanced by one thread at a time; an exception from it (a damaged
    /// or cut file, a cancellation) comes out of this enumerator unchanged, as without the read-ahead.
    /// </summary>
    internal static async IAsyncEnumerable<List<ImportRow>> ReadAhead(IEnumerable<List<ImportRow>> chunks,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var reader = chunks.GetEnumerator();
        Task<bool>? next = null;
        try
        {
            next = Task.Run(reader.MoveNext, ct);
            while (await next)
            {
                var chunk = reader.Current;
                next = Task.Run(reader.MoveNext, ct);
                yield return chunk;
            }
        }
        finally
        {
            if (next is not null)
            {
                // The caller stopped early (an error while writing): let the read in flight end before disposing the reader.
                await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            reader.Dispose();
        }
    }

    private async Task ImportChunkAsync(List<ImportRow> rows, ImportFileState file, ImportTally tally, DateOnly today,
        DateTime now, PhaseTimes time, ImportWriteSession session, CancellationToken ct)
    {
        var phase = PhaseTimes.Start();
        var plan = ImportPlan.Build(rows, file);
        await ResolveGridsAsync(plan, file, ct);
        plan.Seal();
        file.RememberKeys(plan.Households);
        time.Plan += phase.Elapsed;

        phase.Restart();
        var households = plan.Households.Where(h => !h.IsBad && h.Rows.Any(r => r.IsGood)).ToList();
        await MatchHouseholdsAsync(households, ct);
        var targets = households.SelectMany(h => h.Rows.Where(r => r.IsGood).Select(r => new Target(r, h))).ToList();
        await MatchPersonsAsync(targets, session, ct);
        targets.RemoveAll(t => !t.Row.IsGood);
        var inUse = targets.Select(t => t.Household).Distinct().ToList();
        time.Match += phase.Elapsed;

        phase.Restart();
        var created = targets.Where(t => t.PersonId is null).ToList();
        var matched = targets.Where(t => t.PersonId is not null).ToList();
        var heads = targets.Where(t => t.Row.IsHead).ToList();
        await InsertNewAsync(inUse.Where(h => !h.Exists).ToList(), created, heads, now, tally, session, ct);
        time.Insert += phase.Elapsed;
        phase.Restart();
        await UpdateHouseholdsAsync(inUse.Where(h => h.Exists).ToList(), now, tally, ct);
        await UpdatePersonsAsync(matched, today, now, tally, ct);
        time.Update += phase.Elapsed;
        phase.Restart();
        await InsertStaysAsync(created, today, ct);
        time.Insert += phase.Elapsed;
        phase.Restart();
        await SetHeadsAsync(heads, now, tally, ct);
        time.Heads += phase.Elapsed;
        tally.Add(rows, targets.Select(t => t.Row.Row));
    }

    /// <summary>
    /// Checks each household's grid code against the tree (codes looked up once per file) and the user's roles, and
    /// claims each household's address in its grid for the file.
    /// </summary>
    private async Task ResolveGridsAsync(ImportPlan plan, ImportFileState file, CancellationToken ct)
    {
        var codes = plan.Households.Where(h => h.GridCode is not null && !file.Grids.ContainsKey(h.GridCode))
            .Select(h => h.GridCode!).Distinct().ToList();
        foreach (var chunk in codes.Chunk(Batch))
        {
            var found = await db.Jurisdictions.AsNoTracking()
                .Where(j => chunk.Contains(j.Code))
                .Select(j => new { j.Code, Grid = new GridInfo(j.Id, j.Path, j.Level, j.IsActive) })
                .ToDictionaryAsync(j => j.Code, j => j.Grid, StringComparer.Ordinal, ct);
            foreach (var code in chunk)
            {
                file.Grids[code] = found.GetValueOrDefault(code);
            }
        }

        foreach (var h in plan.Households.Where(h => h.GridCode is not null))
        {
            if (file.Grids[h.GridCode!] is not { } grid || !me.Sees(grid.Path))
            {
                h.Problems.Add((C.GridCode, $"网格代码：“{h.GridCode}”不存在或不在您的管辖范围内"));
            }
            else if (grid.Level != JurisdictionLevel.Grid)
            {
                h.Problems.Add((C.GridCode, $"网格代码：“{h.GridCode}”是{grid.Level.Label()}，请填写其下网格的代码"));
            }
            else if (!grid.IsActive)
            {
                h.Problems.Add((C.GridCode, $"网格代码：网格“{h.GridCode}”已停用"));
            }
            else if (!me.HoldsAt(grid.Path, RoleNames.RegistryEditors))
            {
                h.Problems.Add((C.GridCode, $"网格代码：您在网格“{h.GridCode}”没有登记人员的权限"));
            }
            else
            {
                (h.GridId, h.GridPath) = (grid.Id, grid.Path);
                if (!h.IsBad && h.Address is not null)
                {
                    if (file.ClaimAddress(grid.Id, h.AddressKey, h.Key, h.FirstRow) is { } same)
                    {
                        h.Problems.Add((C.Address,
                            $"门牌地址：与户编号“{same.Key}”（第 {same.Row} 行）是同一网格的同一地址，同一户请使用同一个户编号"));
                    }
                    else
                    {
                        file.GridPaths.Add(grid.Path);
                    }
                }
            }
        }
    }

    /// <summary>The deepest node above all <paramref name="paths"/> (where an upload's summary audit line is filed).</summary>
    public static async Task<Guid?> CommonAncestorAsync(AppDbContext db, IReadOnlyCollection<string> paths, CancellationToken ct)
    {
        if (paths.Count == 0)
        {
            return null;
        }

        var common = paths.Select(p => p.Split('/', StringSplitOptions.RemoveEmptyEntries))
            .Aggregate((a, b) => a.Zip(b).TakeWhile(x => x.First == x.Second).Select(x => x.First).ToArray());
        if (common.Length == 0)
        {
            return null;
        }

        var code = common[^1];
        return await db.Jurisdictions.Where(j => j.Code == code).Select(j => (Guid?)j.Id).FirstOrDefaultAsync(ct);
    }
}
