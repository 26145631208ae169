using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GridGuard.Bench;

/// <summary>
/// scan-batch (issue 5): the demo county with N residents (default 1,000,000), a round over the county, then every
/// member scanned once through POST /api/testing-rounds/{id}/samplings/batch over real HTTP (Kestrel in process):
/// batches of 1,000 scans, 10-in-1 tubes, 4 concurrent clients. Metric: scans/s (accepted scans / wall time).
/// Baseline, same run: the Samplings rows the API wrote, read back and bulk-loaded raw into a copy table with the same
/// indexes (PostgreSQL binary COPY; SQLite prepared INSERTs in one transaction). ratio = api rate / raw rate (target ≥ 0.5).
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
        Console.WriteLine($"members {members:N0}: {batches:N0} batches of {BatchSize}, {Clients} clients; {Stats.LoadAverage()}");
        using var http = bench.Client(Clients);
        var next = -1;
        long accepted = 0, refused = 0, busy = 0;
        string? firstRefusal = null;
        var prefix = "SB" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var sw = Stopwatch.StartNew();
        await using (var memory = MemorySampler.Start())
        {
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
            {
                int b;
                while ((b = Interlocked.Increment(ref next)) < batches)
                {
                    var scans = bench.Scans(prefix, b * BatchSize, Math.Min(members, (b + 1) * BatchSize));
                    while (true)
                    {
                        using var response = await http.PostAsJsonAsync(bench.BatchUrl, new { scans });
                        if ((int)response.StatusCode == 503)
                        {
                            Interlocked.Increment(ref busy);
                            await Task.Delay(200);
                            continue;
                        }

                        response.EnsureSuccessStatusCode();
                        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
                        Interlocked.Add(ref accepted, answer.GetProperty("accepted").GetInt32());
                        var r = answer.GetProperty("refused").GetInt32();
                        if (r > 0)
                        {
                            Interlocked.Add(ref refused, r);
                            firstRefusal ??= answer.GetProperty("results").EnumerateArray()
                                .First(x => x.GetProperty("status").ToString() is "Refused" or "2").ToString();
                        }

                        break;
                    }
                }
            })));
            await memory.StopAsync();
            Console.WriteLine($"api: {memory}");
        }

        var apiSeconds = sw.Elapsed.TotalSeconds;
        var apiRate = accepted / apiSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"api: {accepted:N0} accepted, {refused:N0} refused, {busy} × 503 in {apiSeconds:F1} s = {apiRate:F0} scans/s; {Stats.LoadAverage()}"));
        if (firstRefusal is not null)
        {
            Console.WriteLine($"first refusal: {firstRefusal}");
        }

        var (rows, rawSeconds) = bench.Database.Provider == "Postgres"
            ? await RawPostgresAsync(bench.Database.ConnectionString)
            : await RawSqliteAsync(bench.Database.ConnectionString);
        var rawRate = rows / rawSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"raw: {rows:N0} rows in {rawSeconds:F1} s = {rawRate:F0} rows/s; {Stats.LoadAverage()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {Name} rate={apiRate:F0}scans/s baseline={rawRate:F0}scans/s ratio={apiRate / rawRate:F2}"));
        return 0;
    }

    /// <summary>The Samplings rows, read back whole, then binary-COPYed into "SamplingsCopy" (LIKE … INCLUDING ALL: same indexes).</summary>
    private static async Task<(int Rows, double Seconds)> RawPostgresAsync(string cs)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("""CREATE TABLE "SamplingsCopy" (LIKE "Samplings" INCLUDING ALL)""", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

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
        await using var connection = new SqliteConnection(cs);
        await connection.OpenAsync();
        var ddl = new List<string>();
        await using (var schema = new SqliteCommand("SELECT sql FROM sqlite_master WHERE tbl_name = 'Samplings' AND sql IS NOT NULL ORDER BY type DESC", connection))
        await using (var reader = await schema.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ddl.Add(reader.GetString(0).Replace("\"Samplings\"", "\"SamplingsCopy\"", StringComparison.Ordinal)
                    .Replace("\"IX_Samplings_", "\"IX_SamplingsCopy_", StringComparison.Ordinal)
                    .Replace("\"PK_Samplings\"", "\"PK_SamplingsCopy\"", StringComparison.Ordinal));
            }
        }

        foreach (var sql in ddl)
        {
            await using var create = new SqliteCommand(sql, connection);
            await create.ExecuteNonQueryAsync();
        }

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
