using System.Text.Json;
using System.Threading.Channels;
using GridGuard.Features.MassTesting;
using GridGuard.Features.MassTesting.Collection;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GridGuard.Bench;

/// <summary>
/// The ceiling of scan-batch (bench only, never in the app): POST <see cref="Path"/> takes the same batch body as
/// …/samplings/batch, turns each scan into a Samplings row without applying any rule — the person straight from the
/// code, one made-up tube per ten scans, no look-up, no tube, member or tally update, no audit, no sign-in — bulk-loads
/// the rows into <see cref="Table"/> (the columns and indexes of Samplings) and answers every scan Accepted. Whatever
/// implements the rules of DOMAIN.md §7 can only do more work per scan, so the ceiling's rate over the raw COPY bounds
/// the ratio the scenario can reach on this machine, with the same client and the same HTTP.
/// PostgreSQL: each request copies its own rows, concurrently (what MVCC allows); SQLite: one writer, which groups
/// whatever is queued into one transaction (as <see cref="SamplingWriter"/> does), foreign keys off.
/// </summary>
public static class ScanCeiling
{
    public const string Path = "/bench/scan-ceiling";
    public const string Table = "SamplingsCeiling";

    /// <summary>Registers the endpoint in front of the app's pipeline.</summary>
    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<SqliteGroupWriter>();
        services.AddTransient<IStartupFilter, Startup>();
    }

    private sealed class Startup : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map(Path, branch => branch.Run(HandleAsync));
            next(app);
        };
    }

    private static async Task HandleAsync(HttpContext http)
    {
        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var body = await JsonSerializer.DeserializeAsync<RecordSamplingBatch.Body>(http.Request.Body, json, http.RequestAborted);
        var scans = body?.Scans ?? [];
        var now = DateTime.UtcNow;
        var rows = new List<Sampling>(scans.Count);
        var tube = Guid.Empty;
        foreach (var scan in scans)
        {
            if (rows.Count % 10 == 0)
            {
                tube = Guid.CreateVersion7();
            }

            rows.Add(new Sampling
            {
                ClientId = scan.ClientId ?? Guid.NewGuid(),
                RoundId = tube,
                TubeId = tube,
                PersonId = PersonCode.TryParse(scan.PersonCode, out var person) ? person : null,
                JurisdictionId = tube,
                SampledAt = now,
                ReceivedAt = now,
                SamplerId = tube,
            });
        }

        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        if (db.Database.IsSqlite())
        {
            await http.RequestServices.GetRequiredService<SqliteGroupWriter>().WriteAsync(rows);
        }
        else
        {
            await BulkCopy.InsertAsync(db, rows, Table, http.RequestAborted);
        }

        var results = rows.Select(r => new ScanResult(r.ClientId, ScanStatus.Accepted, SamplingId: r.Id, PersonId: r.PersonId,
            PoolSize: 10)).ToList();
        await http.Response.WriteAsJsonAsync(new RecordSamplingBatch.Answer(results.Count, 0, 0, results), json);
    }

    /// <summary>SQLite: one writer; each transaction takes every request queued by then.</summary>
    private sealed class SqliteGroupWriter(IServiceScopeFactory scopes)
    {
        private readonly Channel<(List<Sampling> Rows, TaskCompletionSource Done)> queue = Channel.CreateUnbounded<(List<Sampling>, TaskCompletionSource)>();
        private Task? loop;

        public Task WriteAsync(List<Sampling> rows)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            queue.Writer.TryWrite((rows, done));
            lock (queue)
            {
                loop ??= Task.Run(RunAsync);
            }

            return done.Task;
        }

        private async Task RunAsync()
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF");
            while (await queue.Reader.WaitToReadAsync())
            {
                var taken = new List<(List<Sampling> Rows, TaskCompletionSource Done)>();
                while (queue.Reader.TryRead(out var next))
                {
                    taken.Add(next);
                }

                try
                {
                    await using var tx = await db.Database.BeginTransactionAsync();
                    await BulkCopy.InsertAsync(db, taken.SelectMany(t => t.Rows), Table);
                    await tx.CommitAsync();
                    taken.ForEach(t => t.Done.SetResult());
                }
                catch (Exception e)
                {
                    taken.ForEach(t => t.Done.SetException(e));
                }
            }
        }
    }
}
