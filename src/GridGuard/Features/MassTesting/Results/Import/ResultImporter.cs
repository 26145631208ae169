using GridGuard.Features.ControlPlans;
using GridGuard.Features.Households.Import;
using GridGuard.Platform;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using C = GridGuard.Features.MassTesting.Results.Import.ResultColumns;

namespace GridGuard.Features.MassTesting.Results.Import;

/// <summary>
/// Applies the good rows of a lab's result file in one transaction, set-based (a file is 10,000 tubes): the tubes are
/// found by barcode within the user's lab scope, written with one UPDATE per result kind, and their members through
/// <see cref="ResultPropagation"/>, as the one-tube API does. A tube that already has the same result is unchanged (the
/// file is safe to upload twice); one with a different result is a row error (it needs a correction with a reason).
/// One audit line names the file and the counts.
/// </summary>
public sealed class ResultImporter(AppDbContext db, AuditLog audit, CountyClock clock, CurrentUser me, ILogger<ResultImporter> log)
{
    private const int Batch = 10_000;

    public async Task<ListImportReport> ImportAsync(string fileName, IReadOnlyList<ResultImportRow> rows, CancellationToken ct)
    {
        var seen = new Dictionary<string, ResultImportRow>(StringComparer.OrdinalIgnoreCase);
        var duplicates = 0;
        var wanted = new List<ResultImportRow>();
        foreach (var row in rows.Where(r => r.IsGood))
        {
            if (seen.TryGetValue(row.Barcode!, out var first))
            {
                if (first.Result != row.Result)
                {
                    row.Fail(C.Result, $"结果：与第 {first.Row} 行同一采样管的结果不同，请核对后只保留一行");
                }
                else
                {
                    duplicates++;
                }

                continue;
            }

            seen[row.Barcode!] = row;
            wanted.Add(row);
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        var tubes = new Dictionary<string, (Guid Id, Guid RoundId, int PoolSize, TestResult? Result)>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in wanted.Select(r => r.Barcode!).Chunk(Batch))
        {
            var found = await db.Tubes.AsNoTracking().InScopeOf(me, MassTestingText.LabStaff)
                .Where(t => EF.Parameter(chunk).Contains(t.Barcode))
                .Select(t => new { t.Id, t.Barcode, t.RoundId, t.PoolSize, t.Result })
                .ToListAsync(ct);
            foreach (var t in found)
            {
                tubes[t.Barcode] = (t.Id, t.RoundId, t.PoolSize, t.Result);
            }
        }

        var apply = new List<ResultPropagation.TubeResult>();
        var unchanged = duplicates;
        foreach (var row in wanted)
        {
            if (!tubes.TryGetValue(row.Barcode!, out var tube))
            {
                row.Fail(C.Barcode, LabResults.UnknownTube.Replace("采样管条码", "条码", StringComparison.Ordinal));
            }
            else if (tube.Result is { } recorded)
            {
                if (recorded == row.Result)
                {
                    unchanged++;
                }
                else
                {
                    row.Fail(C.Result, LabResults.Conflict(recorded, row.Result!.Value).Replace("检测结果：", "结果：", StringComparison.Ordinal));
                }
            }
            else
            {
                apply.Add(new ResultPropagation.TubeResult(tube.Id, tube.RoundId, tube.PoolSize, row.Result!.Value));
            }
        }

        var findMs = started.ElapsedMilliseconds;
        var now = clock.UtcNow;
        var userId = me.UserId!.Value;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var group in apply.GroupBy(t => t.Result))
            {
                var result = group.Key;
                foreach (var chunk in group.Select(t => t.TubeId).Chunk(Batch))
                {
                    await db.Tubes.Where(t => EF.Parameter(chunk).Contains(t.Id) && t.Result == null)
                        .ExecuteUpdateAsync(s => s
                            .SetProperty(t => t.Result, result)
                            .SetProperty(t => t.ResultAt, now)
                            .SetProperty(t => t.ResultById, userId), ct);
                }
            }

            var tubesMs = started.ElapsedMilliseconds - findMs;
            var summary = await ResultPropagation.PropagateAsync(db, apply, userId, now, clock.Zone, ct, log);
            audit.Bulk(nameof(Sampling), "LabResultImport", new
            {
                file = fileName,
                rows = rows.Count,
                tubes = apply.Count,
                unchanged,
                rejected = rows.Count(r => !r.IsGood),
                summary.Samplings,
                summary.Negative,
                summary.PooledPositive,
                summary.Positive,
                summary.Invalid,
                summary.RetestTasks,
                summary.ClosedRetests,
            }, null);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            log.LogInformation("Lab result file {File}: {Rows} rows, tubes found in {FindMs} ms, written in {TubesMs} ms, all in {TotalMs} ms",
                fileName, rows.Count, findMs, tubesMs, started.ElapsedMilliseconds);
        }

        var good = rows.Where(r => r.IsGood).ToList();
        var errors = rows.SelectMany(r => r.Errors.Select(e => e with { Name = r.Barcode }))
            .OrderBy(e => e.Row)
            .ThenBy(e => C.All.FirstOrDefault(c => c.Name == e.Column)?.Index ?? -1)
            .ToList();
        return new ListImportReport(fileName, rows.Count, good.Count, rows.Count - good.Count, apply.Count, 0, unchanged,
            RowRange.Of(good.Select(r => r.Row)), errors.Count, errors.Take(ListImportReport.MaxErrors).ToList());
    }
}
