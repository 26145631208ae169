using GridGuard.Features.Households.Import;
using GridGuard.Platform;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using C = GridGuard.Features.Policies.RiskAreas.Import.RiskAreaColumns;
using FieldErrors = GridGuard.Features.Households.FieldErrors;

namespace GridGuard.Features.Policies.RiskAreas.Import;

/// <summary>
/// Writes the good rows of a risk-area list in one transaction. Each row passes the same checks as an area entered by
/// hand (<see cref="RiskAreaRules.CheckAsync"/>: code, name from the division data, level, period). An area with the
/// same code, specific area and start date is updated (level, end, name, source), never duplicated; two rows of one
/// file for the same area are an error on the later row. Every new or changed area goes through the audit
/// interceptor (a list is thousands of rows, not millions), and one summary line names the file.
/// </summary>
public sealed class RiskAreaImporter(AppDbContext db, AuditLog audit, CountyClock clock)
{
    private const int Batch = 500;

    public async Task<ListImportReport> ImportAsync(string fileName, IReadOnlyList<RiskAreaImportRow> rows, CancellationToken ct)
    {
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.IsGood))
        {
            var errors = new FieldErrors();
            var code = row.Input.DivisionCode!.Trim();
            if (row.Input.PlaceName is null && names.TryGetValue(code, out var known))
            {
                row.Input.PlaceName = known; // looked up once per code, not once per row
            }

            row.Values = await RiskAreaRules.CheckAsync(row.Input, db, errors, ct);
            foreach (var (field, messages) in errors.ToDictionary())
            {
                foreach (var message in messages)
                {
                    row.Fail(C.Of(field), message);
                }
            }

            if (row.Values is { } v)
            {
                names.TryAdd(v.PlaceCode, v.PlaceName);
            }
        }

        var seen = new Dictionary<(string, string?, DateOnly), int>();
        var good = new List<RiskAreaImportRow>();
        foreach (var row in rows.Where(r => r.IsGood))
        {
            var v = row.Values!;
            if (!seen.TryAdd((v.PlaceCode, v.SubArea, v.From), row.Row))
            {
                row.Fail(C.From, $"开始日期：与第 {seen[(v.PlaceCode, v.SubArea, v.From)]} 行是同一地区同一天开始的风险期，请合并为一行");
                continue;
            }

            good.Add(row);
        }

        var now = clock.UtcNow;
        var (created, updated, unchanged) = (0, 0, 0);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var chunk in good.Chunk(Batch))
            {
                var codes = chunk.Select(r => r.Values!.PlaceCode).Distinct().ToList();
                var existing = (await db.RiskAreas.Where(a => codes.Contains(a.PlaceCode)).ToListAsync(ct))
                    .GroupBy(a => (a.PlaceCode, a.SubArea, a.From))
                    .ToDictionary(g => g.Key, g => g.OrderBy(a => a.CreatedAt).First());
                foreach (var row in chunk)
                {
                    var v = row.Values!;
                    if (existing.TryGetValue((v.PlaceCode, v.SubArea, v.From), out var area))
                    {
                        var source = v.Source ?? area.Source; // an empty cell leaves the published source
                        if ((area.PlaceName, area.Level, area.To, area.Source) == (v.PlaceName, v.Level, v.To, source))
                        {
                            unchanged++;
                            continue;
                        }

                        RiskAreaRules.Apply(area, v with { Source = source });
                        area.UpdatedAt = now;
                        updated++;
                    }
                    else
                    {
                        var added = new RiskArea { PlaceCode = v.PlaceCode, CreatedAt = now, UpdatedAt = now };
                        RiskAreaRules.Apply(added, v);
                        db.RiskAreas.Add(added);
                        created++;
                    }
                }

                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }

            audit.Bulk(nameof(RiskArea), "Import", new
            {
                file = fileName,
                rows = rows.Count,
                imported = good.Count,
                created,
                updated,
                unchanged,
                rejected = rows.Count(r => !r.IsGood),
            }, null);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        var errorsOut = rows.SelectMany(r => r.Errors.Select(e => e with { Name = r.Input.PlaceName ?? r.Input.DivisionCode }))
            .OrderBy(e => e.Row)
            .ThenBy(e => C.All.FirstOrDefault(c => c.Name == e.Column)?.Index ?? -1)
            .ToList();
        return new ListImportReport(fileName, rows.Count, good.Count, rows.Count(r => !r.IsGood), created, updated, unchanged,
            RowRange.Of(good.Select(r => r.Row)), errorsOut.Count, errorsOut.Take(ListImportReport.MaxErrors).ToList());
    }
}
