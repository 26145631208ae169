using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace GridGuard.Features.Households.Import;

/// <summary>What a client sees of one upload: where it stands and the counts so far.</summary>
/// <param name="State">running: rows are being read and written; finishing: every row is read, the write is being
/// completed and committed; done: the report is ready; refused: the upload was refused or rolled back.</param>
public sealed record ImportStatus(string State, int Rows, int Imported, int Rejected, int? EstimatedRows, string? Message);

/// <summary>
/// The progress of household imports that are still running, so that a page can show it while its upload request is
/// busy: the importer reports after each chunk, the page's script polls GET /api/households/import/progress/{id}.
/// The id is made by the client for each upload (the page's script, or an API client's <c>progressId</c>), so the
/// upload itself stays one plain request that also works without JavaScript. Kept in memory, per user; an entry is
/// forgotten 30 minutes after its last change. One process only: behind several servers, polls must reach the one
/// that runs the import (sticky sessions), or they see nothing.
/// </summary>
public sealed partial class ImportProgressBoard(TimeProvider time)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(30);
    private readonly ConcurrentDictionary<(Guid User, string Id), (ImportStatus Status, DateTimeOffset At)> entries = new();

    /// <summary>A client's id: 8–64 letters, digits or dashes (a UUID fits).</summary>
    public static bool IsValidId(string? id) => id is not null && IdShape().IsMatch(id);

    /// <summary>Starts tracking an upload; null when the id is missing or malformed (the import then runs untracked).</summary>
    public Tracker? Start(Guid? user, string? id)
    {
        if (user is not { } u || !IsValidId(id))
        {
            return null;
        }

        var tracker = new Tracker(this, (u, id!));
        tracker.Report(new ImportProgress(0, 0, 0));
        return tracker;
    }

    public ImportStatus? Get(Guid user, string id) =>
        entries.TryGetValue((user, id), out var entry) ? entry.Status : null;

    private void Set((Guid, string) key, ImportStatus status)
    {
        var now = time.GetUtcNow();
        entries[key] = (status, now);
        foreach (var (k, v) in entries)
        {
            if (now - v.At > KeepFor)
            {
                entries.TryRemove(k, out _);
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9-]{8,64}$")]
    private static partial Regex IdShape();

    /// <summary>The importer's <see cref="IProgress{T}"/> for one upload; written synchronously, read by polls.</summary>
    public sealed class Tracker(ImportProgressBoard board, (Guid, string) key) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => board.Set(key, new ImportStatus(
            value.Finishing ? "finishing" : "running", value.Rows, value.Imported, value.Rejected, value.EstimatedRows, null));

        /// <summary>Done with the report's counts, or refused with its message (or as broken off, without an outcome).</summary>
        public void Finish(ImportHouseholds.Outcome? outcome) => board.Set(key, outcome switch
        {
            { Report: { } r } => new ImportStatus("done", r.Rows, r.ImportedPersons, r.RejectedRows, r.Rows, null),
            { Refusal: { } f } => new ImportStatus("refused", 0, 0, 0, null, f.Message),
            _ => new ImportStatus("refused", 0, 0, 0, null, "导入中断，本次没有写入任何数据"),
        });
    }
}
