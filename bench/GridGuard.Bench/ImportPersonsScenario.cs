using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GridGuard.Features.Demo;
using GridGuard.Features.Households;
using GridGuard.Features.Households.Import;
using GridGuard.Platform;
using GridGuard.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace GridGuard.Bench;

/// <summary>
/// import-persons: a county-wide household list of N persons (csv or xlsx, <see cref="PersonFile"/>; 1 row in 200 bad)
/// uploaded as the county commander to POST /api/households/import of the real app (TestServer), into the demo county's
/// tree (real townships and villages, synthetic grids, no residents yet). The report must count every planted bad row.
/// Baseline, same run and database: the same file read with the app's own reader (ImportFile/ImportTable, no checks)
/// and its cells bulk-loaded as text into a plain table without indexes (PostgreSQL: binary COPY; SQLite: one
/// prepared INSERT per row in one transaction). Metric: seconds; ratio = baseline / import.
/// </summary>
public static class ImportPersonsScenario
{
    public const string Name = "import-persons";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var size = options.Size ?? 1_000_000;
        var format = options.Format ?? "csv";
        using var database = BenchDatabase.Create(options);
        await using var app = await BenchApp.SeedAsync(database, 0, new Dictionary<string, string?>
        {
            ["Import:MaxUploadBytes"] = (1024L * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
        });

        var clock = Stopwatch.StartNew();
        PersonFileFacts file;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var county = await db.Jurisdictions.SingleAsync(j => j.Code == BenchApp.CountyCode);
            var grids = await DemoPopulation.GridSitesAsync(db, county.Path, CancellationToken.None);
            var time = scope.ServiceProvider.GetRequiredService<CountyClock>();
            file = PersonFile.Write(format, grids, size, time.Today, time.UtcNow);
        }

        Console.WriteLine($"file: {format}, {file.Rows:N0} rows, {file.Households:N0} households, {file.BadRows:N0} bad rows, "
            + $"{file.Bytes / 1024d / 1024d:F1} MiB, written in {clock.Elapsed.TotalSeconds:F1} s");
        try
        {
            var client = await app.ClientAsync("county");
            Console.WriteLine($"import: {Stats.LoadAverage()}");
            var (seconds, report, memory) = await ImportAsync(client, file);
            Console.WriteLine($"import: {seconds:F2} s; {report.Rows:N0} rows, {report.ImportedPersons:N0} in, {report.RejectedRows:N0} rejected "
                + $"({report.ErrorCount:N0} errors), {report.PersonsCreated:N0} persons and {report.HouseholdsCreated:N0} households created");
            Console.WriteLine($"import memory: {memory}");
            if (report.Rows != file.Rows || report.RejectedRows != file.BadRows || report.ImportedPersons != file.Rows - file.BadRows)
            {
                Console.Error.WriteLine($"the report does not match the file: expected {file.Rows} rows, {file.BadRows} rejected");
                return 1;
            }

            var stored = await app.WithDbAsync(db => db.Persons.CountAsync());
            Console.WriteLine($"stored: {stored:N0} persons");
            Console.WriteLine($"baseline: {Stats.LoadAverage()}");
            var baseline = await BaselineAsync(database, file);
            Console.WriteLine($"baseline: {baseline:F2} s (read with the app's reader, raw bulk load of {file.Rows:N0} rows × 16 text cells)");
            Console.WriteLine(Stats.Result(Name, format, seconds, baseline, "s"));
            return 0;
        }
        finally
        {
            File.Delete(file.Path);
        }
    }

    private static async Task<(double Seconds, HouseholdImportReport Report, MemorySampler Memory)> ImportAsync(HttpClient client, PersonFileFacts file)
    {
        await using var memory = MemorySampler.Start();
        var clock = Stopwatch.StartNew();
        await using var stream = File.OpenRead(file.Path);
        var content = new StreamContent(stream, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue(file.Path.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : ImportTemplate.XlsxContentType);
        using var form = new MultipartFormDataContent { { content, "file", Path.GetFileName(file.Path) } };
        using var response = await client.PostAsync("/api/households/import", form);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"import answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var report = (await response.Content.ReadFromJsonAsync<HouseholdImportReport>())!;
        var seconds = clock.Elapsed.TotalSeconds;
        return (seconds, report, await memory.StopAsync());
    }

    /// <summary>The floor: the same file through the same reader, every cell loaded as text, no checks, no indexes.</summary>
    private static async Task<double> BaselineAsync(BenchDatabase database, PersonFileFacts file)
    {
        var postgres = database.Provider == "Postgres";
        var columns = string.Join(", ", ImportColumns.All.Select(c => $"\"c{c.Index}\" {(postgres ? "text" : "TEXT")}"));
        await using DbConnection connection = postgres ? new NpgsqlConnection(database.ConnectionString) : new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"CREATE TABLE \"BaselineImportRows\" (\"Row\" integer NOT NULL, {columns})";
            await command.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        await using var stream = File.OpenRead(file.Path);
        var (kind, refusal) = ImportFile.Detect(stream, file.Path);
        var (records, _) = ImportTable.Open(kind?.ReadRows(stream) ?? throw new InvalidDataException(refusal?.Message));
        var rows = records ?? throw new InvalidDataException("no header");
        var count = connection is NpgsqlConnection pg ? await CopyAsync(pg, rows) : Insert((SqliteConnection)connection, rows);
        if (count != file.Rows)
        {
            throw new InvalidDataException($"baseline read {count} rows, the file has {file.Rows}");
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<int> CopyAsync(NpgsqlConnection connection, IEnumerable<ImportRecord> rows)
    {
        var names = string.Join(", ", ImportColumns.All.Select(c => $"\"c{c.Index}\""));
        await using var copy = await connection.BeginBinaryImportAsync($"COPY \"BaselineImportRows\" (\"Row\", {names}) FROM STDIN (FORMAT BINARY)");
        var count = 0;
        foreach (var r in rows)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(r.Row, NpgsqlDbType.Integer);
            foreach (var cell in r.Cells)
            {
                if (cell.Text is { } text)
                {
                    await copy.WriteAsync(text, NpgsqlDbType.Text);
                }
                else
                {
                    await copy.WriteNullAsync();
                }
            }

            count++;
        }

        await copy.CompleteAsync();
        return count;
    }

    private static int Insert(SqliteConnection connection, IEnumerable<ImportRecord> rows)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var all = ImportColumns.All;
        command.CommandText = $"INSERT INTO \"BaselineImportRows\" VALUES ($row, {string.Join(", ", all.Select(c => "$c" + c.Index))})";
        var row = command.Parameters.Add("$row", SqliteType.Integer);
        var cells = all.Select(c => command.Parameters.Add("$c" + c.Index, SqliteType.Text)).ToArray();
        command.Prepare();
        var count = 0;
        foreach (var r in rows)
        {
            row.Value = r.Row;
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i].Value = r.Cells[i].Text ?? (object)DBNull.Value;
            }

            command.ExecuteNonQuery();
            count++;
        }

        transaction.Commit();
        return count;
    }
}
