using System.Collections.Concurrent;
using System.Threading.Channels;
using GridGuard.Platform;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Rounds;

/// <summary>
/// Runs <see cref="RoundSnapshot"/> for new rounds in the background, one at a time, so that opening a round over a
/// million persons does not hold the organiser's request past a browser's or a proxy's timeout. At start it also picks up
/// rounds left preparing by a stopped process (the snapshot is one transaction, so there is nothing half-done to undo).
/// A caller may wait a few seconds for the outcome (<see cref="WaitAsync"/>): small rounds answer at once as before.
/// A snapshot that fails (the database away, a deadlock) is tried again after <see cref="RetryDelay"/>, so a round is
/// not left preparing until the next restart.
/// </summary>
public sealed class RoundSnapshotWorker(IServiceScopeFactory scopes, ILogger<RoundSnapshotWorker> log) : BackgroundService
{
    private readonly Channel<Guid> queue = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<OpenRound.Opened?>> outcomes = new();
    private readonly ConcurrentDictionary<Guid, int> failures = new();

    /// <summary>The wait before the next try after <paramref name="failures"/> failed ones: 30 s, doubling, at most 10 min.</summary>
    public static TimeSpan RetryDelay(int failures) =>
        TimeSpan.FromSeconds(Math.Min(600, 30 * Math.Pow(2, Math.Clamp(failures - 1, 0, 10))));

    /// <summary>Queues a round's snapshot; the task completes with the opened round (null if it was not preparing).</summary>
    public Task<OpenRound.Opened?> Enqueue(Guid roundId)
    {
        var outcome = outcomes.GetOrAdd(roundId,
            _ => new TaskCompletionSource<OpenRound.Opened?>(TaskCreationOptions.RunContinuationsAsynchronously));
        queue.Writer.TryWrite(roundId);
        return outcome.Task;
    }

    /// <summary>The outcome if it arrives within <paramref name="patience"/>; null while the round is still preparing.</summary>
    public static async Task<OpenRound.Opened?> WaitAsync(Task<OpenRound.Opened?> outcome, TimeSpan patience, CancellationToken ct)
    {
        var done = await Task.WhenAny(outcome, Task.Delay(patience, ct));
        return done == outcome ? await outcome : null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            try
            {
                foreach (var id in await db.MassTestingRounds.AsNoTracking().Where(r => r.Status == RoundStatus.Preparing)
                             .Select(r => r.Id).ToListAsync(stoppingToken))
                {
                    _ = Enqueue(id);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The schema may not exist yet (a CLI verb migrating); new rounds still come through Enqueue.
                log.LogWarning(e, "Could not look for rounds left preparing");
            }
        }

        await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var clock = scope.ServiceProvider.GetRequiredService<CountyClock>();
                var opened = await RoundSnapshot.RunAsync(db, id, clock.UtcNow, stoppingToken);
                log.LogInformation("Round {RoundId} opened with {Population} expected", id, opened?.Population);
                failures.TryRemove(id, out _);
                Finish(id)?.TrySetResult(opened);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var delay = RetryDelay(failures.AddOrUpdate(id, 1, (_, n) => n + 1));
                log.LogError(e, "Snapshot of round {RoundId} failed; it stays preparing and is tried again in {Delay}", id, delay);
                Finish(id)?.TrySetException(e);
                _ = RetryLaterAsync(id, delay, stoppingToken);
            }
        }
    }

    private async Task RetryLaterAsync(Guid roundId, TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct);
            queue.Writer.TryWrite(roundId);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the round is picked up at the next start.
        }
    }

    private TaskCompletionSource<OpenRound.Opened?>? Finish(Guid roundId) =>
        outcomes.TryRemove(roundId, out var outcome) ? outcome : null;
}
