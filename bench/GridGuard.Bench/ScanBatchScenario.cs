using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GridGuard.Bench;

/// <summary>
/// scan-batch (issue 5): the demo county with N residents (default 1,000,000), a round over the county, then every
/// member scanned once through POST /api/testing-rounds/{id}/samplings/batch over real HTTP (Kestrel in process):
/// batches of 1,000 scans, 10-in-1 tubes, 4 concurrent clients. Metric: scans/s (accepted scans / wall time).
/// The request bodies are built before the clock starts. Baseline, same run: the Samplings rows the API wrote, read back
/// and bulk-loaded raw into a copy table with the same indexes (PostgreSQL binary COPY; SQLite prepared INSERTs in one
/// transaction). ratio = api rate / raw rate (target ≥ 0.5). Then the same bodies go to <see cref="ScanCeiling"/>, an
/// endpoint that stores the rows and applies no rule: its rate over the raw one is the most any implementation can reach.
/// </summary>
public static class ScanBatchScenario
{
    public const string Name = "scan-batch";
    private const int BatchSize = 1_000;
    private const int Clients = 4;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var n = options.Size ?? 1_000_000;
        await using var bench = await MassTestingBench.SetupAsync(options, n);
        var members = bench.Members.Count;
        var batches = (members + BatchSize - 1) / BatchSize;
        // The request bodies are made before the clock starts, as the baseline reads its rows before it starts: the
        // devices that build and send them are not on the server's cores in the field (here they share its two).
        var prefix = "SB" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var bodies = Enumerable.Range(0, batches)
            .Select(b => JsonSerializer.SerializeToUtf8Bytes(new { scans = bench.Scans(prefix, b * BatchSize, Math.Min(members, (b + 1) * BatchSize)) }, Json))
            .ToList();
        Console.WriteLine($"members {members:N0}: {batches:N0} batches of {BatchSize}, {Clients} clients; {Stats.LoadAverage()}");
        using var http = bench.Client(Clients);
        Sent api;
        await using (var memory = MemorySampler.Start())
        {
            api = await SendAsync(http, bench.BatchUrl, bodies);
            await memory.StopAsync();
            Console.WriteLine($"api: {memory}");
        }

        var apiRate = api.Accepted / api.Seconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"api: {api.Accepted:N0} accepted, {api.Refused:N0} refused, {api.Busy} × 503 in {api.Seconds:F1} s = {apiRate:F0} scans/s; {Stats.LoadAverage()}"));
        if (api.FirstRefusal is not null)
        {
            Console.WriteLine($"first refusal: {api.FirstRefusal}");
        }

        var postgres = bench.Database.Provider == "Postgres";
        var (rows, rawSeconds) = postgres
            ? await RawPostgresAsync(bench.Database.ConnectionString)
            : await RawSqliteAsync(bench.Database.ConnectionString);
        var rawRate = rows / rawSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"raw: {rows:N0} rows in {rawSeconds:F1} s = {rawRate:F0} rows/s; {Stats.LoadAverage()}"));

        // The same bodies once more, to the endpoint that applies no rule (ScanCeiling): what no implementation can beat here.
        await CreateCopyTableAsync(bench.Database.ConnectionString, postgres, ScanCeiling.Table);
        var ceiling = await SendAsync(http, ScanCeiling.Path, bodies);
        var ceilingRate = ceiling.Accepted / ceiling.Seconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ceiling (no rules, rows only): {ceiling.Accepted:N0} in {ceiling.Seconds:F1} s = {ceilingRate:F0} scans/s, {ceilingRate / rawRate:F2} × raw; the api reaches {apiRate / ceilingRate:F2} of it; {Stats.LoadAverage()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {Name} rate={apiRate:F0}scans/s baseline={rawRate:F0}scans/s ratio={apiRate / rawRate:F2}"));
        return 0;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Sent(long Accepted, long Refused, long Busy, string? FirstRefusal, double Seconds);

    /// <summary>Posts every body once (a 503 is waited out and sent again), <see cref="Clients"/> at a time.</summary>
    private static async Task<Sent> SendAsync(HttpClient http, string url, List<byte[]> bodies)
    {
        var next = -1;
        long accepted = 0, refused = 0, busy = 0;
        string? firstRefusal = null;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            int b;
            while ((b = Interlocked.Increment(ref next)) < bodies.Count)
            {
                while (true)
                {
                    using var content = new ByteArrayContent(bodies[b]);
                    content.Headers.ContentType = new("application/json");
                    using var response = await http.PostAsync(url, content);
                    if ((int)response.StatusCode == 503)
                    {
                        Interlocked.Increment(ref busy);
                        await Task.Delay(200);
                        continue;
                    }

                    response.EnsureSuccessStatusCode();
                    var answer = await response.Content.ReadAsByteArrayAsync();
                    var (a, r) = Counts(answer);
                    Interlocked.Add(ref accepted, a);
                    if (r > 0)
                    {
                        Interlocked.Add(ref refused, r);
                        firstRefusal ??= JsonDocument.Parse(answer).RootElement
                            .GetProperty("results").EnumerateArray()
                            .First(x => x.GetProperty("status").ToString() is "Refused" or "2").ToString();
                    }

                    break;
                }
            }
        })));
        return new Sent(accepted, refused, busy, firstRefusal, sw.Elapsed.TotalSeconds);
    }

    /// <summary>The answer's "accepted" and "refused" counts, read up to its "results" (which a device reads, not the bench).</summary>
    private static (int Accepted, int Refused) Counts(byte[] answer)
    {
        var reader = new Utf8JsonReader(answer);
        int accepted = 0, refused = 0;
        while (reader.Read() && reader.CurrentDepth <= 1)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.ValueTextEquals("results"u8))
            {
                break;
            }

            var accepting = reader.ValueTextEquals("accepted"u8);
            var refusing = reader.ValueTextEquals("refused"u8);
            reader.Read();
            if (accepting)
            {
                accepted = reader.GetInt32();
            }
            else if (refusing)
            {
                refused = reader.GetInt32();
            }
        }

        return (accepted, refused);
    }

    /// <summary>The Samplings rows, read back whole, then binary-COPYed into "SamplingsCopy" (LIKE … INCLUDING ALL: same indexes).</summary>
    private static async Task<(int Rows, double Seconds)> RawPostgresAsync(string cs)
    {
        await CreateCopyTableAsync(cs, postgres: true, "SamplingsCopy");
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        var (columns, types, rows) = await ReadAllAsync(new NpgsqlCommand("""SELECT * FROM "Samplings" """, connection));
        var sw = Stopwatch.StartNew();
        var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
        await using (var writer = await connection.BeginBinaryImportAsync($"""COPY "SamplingsCopy" ({list}) FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var row in rows)
            {
                await writer.StartRowAsync();
                for (var i = 0; i < row.Length; i++)
                {
                    if (row[i] is DBNull)
                    {
                        await writer.WriteNullAsync();
                    }
                    else
                    {
                        await writer.WriteAsync(row[i], types[i]);
                    }
                }
            }

            await writer.CompleteAsync();
        }

        return (rows.Count, sw.Elapsed.TotalSeconds);
    }

    /// <summary>The Samplings rows, read back whole, then one prepared INSERT per row in one transaction into a copy table with the same indexes.</summary>
    private static async Task<(int Rows, double Seconds)> RawSqliteAsync(string cs)
    {
        await CreateCopyTableAsync(cs, postgres: false, "SamplingsCopy");
        await using var connection = new SqliteConnection(cs);
        await connection.OpenAsync();
        var (columns, _, rows) = await ReadAllAsync(new SqliteCommand("SELECT * FROM \"Samplings\"", connection));
        var sw = Stopwatch.StartNew();
        await using (var tx = (SqliteTransaction)await connection.BeginTransactionAsync())
        {
            await using var insert = new SqliteCommand(
                $"INSERT INTO \"SamplingsCopy\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})",
                connection, tx);
            var parameters = columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
            insert.Prepare();
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    parameters[i].Value = row[i];
                }

                await insert.ExecuteNonQueryAsync();
            }

            await tx.CommitAsync();
        }

        return (rows.Count, sw.Elapsed.TotalSeconds);
    }

    /// <summary>An empty table with the columns and indexes of Samplings (PostgreSQL: LIKE … INCLUDING ALL; SQLite: its DDL renamed).</summary>
    private static async Task CreateCopyTableAsync(string cs, bool postgres, string name)
    {
        if (postgres)
        {
            await using var pg = new NpgsqlConnection(cs);
            await pg.OpenAsync();
            await using var create = new NpgsqlCommand($"""CREATE TABLE "{name}" (LIKE "Samplings" INCLUDING ALL)""", pg);
            await create.ExecuteNonQueryAsync();
            return;
        }

        await using var connection = new SqliteConnection(cs);
        await connection.OpenAsync();
        var ddl = new List<string>();
        await using (var schema = new SqliteCommand("SELECT sql FROM sqlite_master WHERE tbl_name = 'Samplings' AND sql IS NOT NULL ORDER BY type DESC", connection))
        await using (var reader = await schema.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ddl.Add(reader.GetString(0).Replace("\"Samplings\"", $"\"{name}\"", StringComparison.Ordinal)
                    .Replace("\"IX_Samplings_", $"\"IX_{name}_", StringComparison.Ordinal)
                    .Replace("\"PK_Samplings\"", $"\"PK_{name}\"", StringComparison.Ordinal));
            }
        }

        foreach (var sql in ddl)
        {
            await using var create = new SqliteCommand(sql, connection);
            await create.ExecuteNonQueryAsync();
        }
    }

    private static async Task<(string[] Columns, string[] Types, List<object[]> Rows)> ReadAllAsync(System.Data.Common.DbCommand command)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var types = Enumerable.Range(0, reader.FieldCount).Select(reader.GetDataTypeName).ToArray();
            var rows = new List<object[]>();
            while (await reader.ReadAsync())
            {
                var row = new object[reader.FieldCount];
                reader.GetValues(row);
                rows.Add(row);
            }

            return (columns, types, rows);
        }
    }
}
