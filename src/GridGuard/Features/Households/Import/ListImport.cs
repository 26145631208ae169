using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Households.Import;

/// <summary>
/// The run of a one-row-per-thing list upload (venues, risk areas), shared by their API endpoints and pages: open the
/// file (<see cref="ImportUpload"/>: size, kind, damage), read and parse its rows under <paramref name="sheet"/>'s
/// header, hand them to the importer, and turn a database refusal into a 409 with nothing written.
/// </summary>
public static class ListImport
{
    public static async Task<(ListImportReport? Report, FileRefusal? Refusal)> RunAsync<TRow>(IFormFile? file, ImportOptions options,
        ImportSheet sheet, Func<ImportRecord, TRow> parse, Func<string, List<TRow>, CancellationToken, Task<ListImportReport>> import,
        string what, string userName, ILogger log, CancellationToken ct)
    {
        var (upload, refusal) = await ImportUpload.OpenAsync(file, options, ct);
        if (upload is null)
        {
            return (null, refusal);
        }

        await using (upload)
        {
            var (rows, readRefusal) = ImportUpload.ReadRows(upload, sheet, parse, log, ct);
            if (rows is null)
            {
                return (null, readRefusal);
            }

            try
            {
                var report = await import(upload.FileName, rows, ct);
                log.LogInformation("{What} imported by {User}: {Rows} rows, {Imported} in, {Rejected} rejected",
                    what, userName, report.Rows, report.Imported, report.RejectedRows);
                return (report, null);
            }
            catch (DbUpdateException e)
            {
                log.LogWarning(e, "{What} import rolled back", what);
                return (null, new FileRefusal(StatusCodes.Status409Conflict, "导入冲突",
                    "数据库拒绝了本次写入，本次没有写入任何数据，请稍后重新上传"));
            }
        }
    }
}
