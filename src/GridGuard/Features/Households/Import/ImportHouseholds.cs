using GridGuard.Platform;
using GridGuard.Platform.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GridGuard.Features.Households.Import;

/// <summary>
/// POST /api/households/import (multipart/form-data, field "file"): imports a village's household list, one row per
/// person (columns in <see cref="ImportColumns"/>). The good rows go in; every bad row is reported with its row number,
/// column and reason, and none of it is written. A household whose own information is wrong (no address, a grid outside
/// the user's scope…) is not imported at all; otherwise it goes in with its good members. The page
/// /households/import calls <see cref="RunAsync"/> as well.
/// </summary>
public static class ImportHouseholds
{
    /// <summary>Either the report of a run, or why the whole file was refused.</summary>
    public sealed record Outcome(HouseholdImportReport? Report, FileRefusal? Refusal);

    public static RouteGroupBuilder MapImportHouseholds(this RouteGroupBuilder group)
    {
        group.MapPost("/import", HandleAsync)
            .Accepts<IFormFile>("multipart/form-data")
            .WithName("ImportHouseholds")
            .WithSummary("导入户籍名单（xlsx 或 csv，每行一人；字段 file）：导入正确的行，逐行报告错误");
        return group;
    }

    public static async Task<Results<Ok<HouseholdImportReport>, ProblemHttpResult>> HandleAsync(
        HttpContext http, HouseholdImporter importer, CurrentUser me, IAntiforgery antiforgery,
        IOptions<ImportOptions> options, CountyClock clock, ILogger<HouseholdImporter> log, ImportProgressBoard board,
        string? progressId, CancellationToken ct)
    {
        if (!CanImport(me))
        {
            return Problem(Forbidden);
        }

        var (file, refusal) = await ImportUpload.ReadFormAsync(http, antiforgery, options.Value, ct);
        if (refusal is not null)
        {
            return Problem(refusal);
        }

        var outcome = await TrackedAsync(board, progressId, file, importer, me, options.Value, clock, log, ct);
        return outcome.Report is { } report ? TypedResults.Ok(report) : Problem(outcome.Refusal!);
    }

    /// <summary>
    /// <see cref="RunAsync"/> with its progress on the <see cref="ImportProgressBoard"/> under the client's
    /// <paramref name="progressId"/> (none when it is missing or malformed), ending as done or refused.
    /// </summary>
    public static async Task<Outcome> TrackedAsync(ImportProgressBoard board, string? progressId,
        IFormFile? file, HouseholdImporter importer, CurrentUser me, ImportOptions options, CountyClock clock,
        ILogger log, CancellationToken ct)
    {
        var tracker = board.Start(me.UserId, progressId);
        Outcome? outcome = null;
        try
        {
            outcome = await RunAsync(file, importer, me, options, clock, log, ct, tracker);
            return outcome;
        }
        finally
        {
            tracker?.Finish(outcome);
        }
    }

    /// <summary>The use case, shared by the API and the page: checks the user and the file, reads it, imports.</summary>
    public static async Task<Outcome> RunAsync(
        IFormFile? file, HouseholdImporter importer, CurrentUser me, ImportOptions options, CountyClock clock,
        ILogger log, CancellationToken ct, IProgress<ImportProgress>? progress = null)
    {
        if (!CanImport(me))
        {
            return new Outcome(null, Forbidden);
        }

        var (upload, refusal) = await ImportUpload.OpenAsync(file, options, ct);
        if (upload is null)
        {
            return new Outcome(null, refusal);
        }

        await using (upload)
        {
            IEnumerator<ImportRecord> records;
            try
            {
                var (opened, headerRefusal) = ImportTable.Open(upload.Kind.ReadRows(upload.Stream), ImportColumns.Sheet);
                if (opened is null)
                {
                    return new Outcome(null, headerRefusal);
                }

                records = opened.GetEnumerator();
                if (!records.MoveNext())
                {
                    records.Dispose();
                    return new Outcome(null, FileRefusal.Unreadable("文件：表头下面没有任何数据行"));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Household list {Kind} could not be read: {Error}", upload.Kind.Kind, e.GetType().Name);
                return new Outcome(null, ImportFile.Corrupt);
            }

            using (records)
            {
                return await ImportAsync(upload, records, importer, me, clock, log, progress, ct);
            }
        }
    }

    /// <summary>Streams the parsed rows into the importer (which reads, plans and writes them chunk by chunk).</summary>
    private static async Task<Outcome> ImportAsync(UploadedFile upload, IEnumerator<ImportRecord> records,
        HouseholdImporter importer, CurrentUser me, CountyClock clock, ILogger log, IProgress<ImportProgress>? progress,
        CancellationToken ct)
    {
        var stream = upload.Stream;
        try
        {
            var rows = Parse(records, clock.Today, ct);
            var report = await importer.ImportAsync(new ImportInput(upload.FileName, rows, read => Estimate(read, stream)), progress, ct);
            log.LogInformation("Household list imported by {User}: {Rows} rows, {Imported} in, {Rejected} rejected",
                me.UserName, report.Rows, report.ImportedPersons, report.RejectedRows);
            return new Outcome(report, null);
        }
        catch (UnreadableFileException e)
        {
            // A zip or XML part, or the text, that breaks half-way: the file is damaged; the transaction rolled back.
            log.LogWarning(e.InnerException, "Household list {Kind} broke while being read: {Error}", upload.Kind.Kind, e.InnerException?.GetType().Name);
            return new Outcome(null, ImportFile.Corrupt);
        }
        catch (Exception e) when (e is DbUpdateException || IsUniqueViolation(e))
        {
            log.LogWarning(e, "Household list import rolled back");
            return new Outcome(null, new FileRefusal(StatusCodes.Status409Conflict, "导入冲突",
                "数据库拒绝了本次写入（可能有人同时导入了相同的人员），本次没有写入任何数据，请稍后重新上传"));
        }
    }

    /// <summary>Parses each record as the importer asks for it; a read that fails becomes <see cref="UnreadableFileException"/>.</summary>
    private static IEnumerable<ImportRow> Parse(IEnumerator<ImportRecord> records, DateOnly today, CancellationToken ct)
    {
        do
        {
            ct.ThrowIfCancellationRequested();
            yield return ImportRowRules.Parse(records.Current, today);
        }
        while (Next(records));
    }

    private static bool Next(IEnumerator<ImportRecord> records)
    {
        try
        {
            return records.MoveNext();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new UnreadableFileException(e);
        }
    }

    /// <summary>A bulk insert that met a row another upload wrote meanwhile (same identity number): 409 as for EF.</summary>
    private static bool IsUniqueViolation(Exception e) => e switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        _ => false,
    };

    private sealed class UnreadableFileException(Exception inner) : Exception("The upload could not be read.", inner);

    /// <summary>The rows the file probably holds: rows read so far, scaled by how far into the file the reader is.</summary>
    private static int? Estimate(int read, Stream stream)
    {
        var (position, length) = (stream.Position, stream.Length);
        return position > 0 && read > 0 ? (int)Math.Clamp((double)read * length / position, read, int.MaxValue) : null;
    }

    /// <summary>Anyone holding a registry-editor role somewhere; each grid is then checked row by row.</summary>
    public static bool CanImport(CurrentUser me) => me.Grants.Any(g => RoleNames.RegistryEditors.Contains(g.Role));

    public static readonly FileRefusal Forbidden = new(StatusCodes.Status403Forbidden, "无权导入",
        "您没有导入户籍名单的权限（需要村（社区）干部、网格长、网格管理员等登记角色）");

    public static FileRefusal TooLarge(long? size, ImportOptions options) => ImportUpload.TooLarge(size, options);

    private static ProblemHttpResult Problem(FileRefusal refusal) =>
        TypedResults.Problem(refusal.Message, statusCode: refusal.Status, title: refusal.Title);
}
