using System.Diagnostics;
using System.Globalization;
using GridGuard.Features.Households.Export;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace GridGuard.Bench;

/// <summary>
/// export-roster: the demo county with N synthetic persons (default 1,000,000; about a third as many households),
/// stewards and a running canvass; the whole county's 网格联户包保清单 downloaded as the county commander from
/// GET /api/stewardship/roster.xlsx (TestServer; the real export: RosterRows streamed batch by batch into MiniExcel,
/// a temporary file, then the response), the body copied to a discard stream. Reports seconds, households per second
/// and the process's peak working set and managed heap while it runs.
/// Baseline, same run: the same rows (the same RosterRows queries) first collected into an in-memory list, then
/// written by MiniExcel to a temporary file — what an export does without streaming. Metric: seconds;
/// ratio = baseline / ours; the memory of both is printed beside it.
/// </summary>
public static class ExportRosterScenario
{
    public const string Name = "export-roster";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var size = options.Size ?? 1_000_000;
        using var database = BenchDatabase.Create(options);
        await using var app = await BenchApp.SeedAsync(database, size);
        var client = await app.ClientAsync("county");
        var county = await app.WithDbAsync(db => db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == BenchApp.CountyCode));
        var households = await app.WithDbAsync(db => db.Households.CountAsync());

        Console.WriteLine($"export: {households:N0} households ({Stats.LoadAverage()})");
        double seconds;
        long bytes;
        MemorySampler memory;
        await using (var sampler = MemorySampler.Start())
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync($"/api/stewardship/roster.xlsx?jurisdictionId={county.Id}", HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var counter = new CountingStream();
            await body.CopyToAsync(counter);
            bytes = counter.Length;
            seconds = clock.Elapsed.TotalSeconds;
            memory = await sampler.StopAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ours: {seconds:F2} s, {households / seconds:F0} households/s, {bytes / 1024d / 1024d:F1} MiB xlsx; {memory}"));

        Console.WriteLine($"baseline: {Stats.LoadAverage()}");
        double baseline;
        MemorySampler baseMemory;
        await using (var sampler = MemorySampler.Start())
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var id = await db.Users.Where(u => u.UserName == "county").Select(u => u.Id).SingleAsync();
            var me = new CurrentUser();
            me.Set(id, "county", "county", await CurrentUser.LoadGrantsAsync(db, id, CancellationToken.None));
            var today = scope.ServiceProvider.GetRequiredService<CountyClock>().Today;
            var clock = Stopwatch.StartNew();
            var rows = new List<RosterRow>();
            await foreach (var row in new RosterRows(db, me, county, today, false).ReadAsync())
            {
                rows.Add(row);
            }

            await using (var file = new FileStream(Path.Combine(Path.GetTempPath(), $"gridguard-bench-roster-{Guid.NewGuid():N}.xlsx"),
                FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose))
            {
                await file.SaveAsAsync(rows, sheetName: "包保清单", excelType: ExcelType.XLSX);
            }

            baseline = clock.Elapsed.TotalSeconds;
            baseMemory = await sampler.StopAsync();
            Console.WriteLine($"baseline: {rows.Count:N0} rows in a list");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline: {baseline:F2} s; {baseMemory}"));
        Console.WriteLine(Stats.Result(Name, "time", seconds, baseline, "s"));
        return 0;
    }

    /// <summary>Discards what is written and counts it.</summary>
    private sealed class CountingStream : Stream
    {
        private long length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => length;

        public override long Position { get => length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => length += count;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
