using System.Threading.Channels;
using GridGuard.Platform;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Collection;

/// <summary>
/// The one writer of samplings (group commit). Requests — one scan from a phone or a batch from a device coming back
/// online — queue here and wait; the writer takes whatever is queued (up to <see cref="MaxBatchScans"/> scans), applies
/// it in one transaction through <see cref="SamplingIngest"/>, and answers every request. A request is acknowledged only
/// after its transaction committed, so an acknowledged scan is never lost.
/// <para>Two batches overlap: the next batch is read (<see cref="SamplingLookups"/>) while the one before it is being
/// written; once that write commits, the keys it touched are read again and only then are the rules applied. Batches are
/// still applied and committed one at a time, in order (ADR 10, "Update (session 10)").</para>
/// <para>Admission control bounds the wait, not only the count: the writer measures how many scans a second it commits
/// (<see cref="DrainRate"/>, from batches big enough to show the capacity), and a job is refused when the scans before it
/// would take longer than <see cref="MaxWait"/> to drain (beyond <see cref="MinAdmitted"/> scans), or when
/// <see cref="MaxQueuedRequests"/> requests or <see cref="MaxQueuedScans"/> scans already wait. A job is always admitted into an empty queue. A refused request is
/// answered 503 with Retry-After (<see cref="RetryAfterSeconds"/>) at once, instead of waiting into a client timeout; the
/// device keeps the scans in its queue and resends them (the client ids make the resend harmless). See ADR 10.</para>
/// </summary>
public sealed class SamplingWriter(IServiceScopeFactory scopes, ILogger<SamplingWriter> log) : BackgroundService
{
    public const int MaxBatchScans = 2_000;
    public const int MaxQueuedScans = 20_000;
    public const int MaxQueuedRequests = 256;

    /// <summary>The longest a queued scan should wait for its commit: well inside a phone's patience.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);

    /// <summary>Batches smaller than this say little about the capacity (the writer was waiting for work).</summary>
    public const int MinMeasuredBatch = 100;

    /// <summary>
    /// Scans always admitted whatever the estimate, so that batches can grow past <see cref="MinMeasuredBatch"/> and a low
    /// estimate (one slow batch) corrects itself instead of starving the queue.
    /// </summary>
    public const int MinAdmitted = 4 * MinMeasuredBatch;

    /// <summary>The assumed capacity until a batch has been measured (scans/s).</summary>
    public const double InitialDrainRate = 1_000;

    private double drainRate = InitialDrainRate;
    private bool measured;

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private int queued;
    private int requests;

    private sealed record Pending(SamplingIngest.Job Job, TaskCompletionSource<SamplingIngest.JobResult> Answer);

    /// <summary>Scans waiting now (for the overload bench and the health page).</summary>
    public int Queued => Volatile.Read(ref queued);

    /// <summary>Measured capacity in scans per second (moving average over recent large batches).</summary>
    public double DrainRate => Volatile.Read(ref drainRate);

    /// <summary>True while a one-scan request would be refused: the door sheds sampler writes (<see cref="ScanShedding"/>).</summary>
    public bool Saturated
    {
        get
        {
            var waiting = Queued;
            return waiting > 0 && Refuses(waiting, 1, Volatile.Read(ref requests) + 1);
        }
    }

    /// <summary>What a refused device is told to wait: the time the queue needs to drain, 1–30 s.</summary>
    public int RetryAfterSeconds => (int)Math.Clamp(Math.Ceiling(Queued / DrainRate), 1, 30);

    /// <summary>Feeds the capacity estimate with one committed batch.</summary>
    public void Observe(int scans, TimeSpan elapsed)
    {
        if (scans < MinMeasuredBatch || elapsed <= TimeSpan.Zero)
        {
            return;
        }

        var sample = scans / elapsed.TotalSeconds;
        // Only the writer's loop calls this, so the read-modify-write does not race.
        Volatile.Write(ref drainRate, measured ? (0.7 * DrainRate) + (0.3 * sample) : sample);
        measured = true;
    }

    /// <summary>Queues a job, or returns null when the queue is full (the caller answers 503 with Retry-After).</summary>
    public Task<SamplingIngest.JobResult>? TryEnqueue(SamplingIngest.Job job)
    {
        var size = Math.Max(1, job.Scans.Count);
        var before = Interlocked.Add(ref queued, size) - size;
        var waitingRequests = Interlocked.Increment(ref requests);
        if (before > 0 && Refuses(before, size, waitingRequests))
        {
            Release(size, 1);
            return null;
        }

        var answer = new TaskCompletionSource<SamplingIngest.JobResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite(new Pending(job, answer)))
        {
            Release(size, 1);
            return null;
        }

        return answer.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = queue.Reader;
        Flight? flight = null;
        try
        {
            while (true)
            {
                if (!reader.TryPeek(out _))
                {
                    if (flight is not null)
                    {
                        await flight.Landed;
                        flight = null;
                        continue;
                    }

                    if (!await reader.WaitToReadAsync(stoppingToken))
                    {
                        break;
                    }
                }

                var taken = new List<Pending>();
                var scans = 0;
                while (scans < MaxBatchScans && reader.TryRead(out var next))
                {
                    taken.Add(next);
                    scans += Math.Max(1, next.Job.Scans.Count);
                }

                flight = await TakeOffAsync(taken, scans, flight, stoppingToken);
            }
        }
        finally
        {
            if (flight is not null)
            {
                await flight.Landed;
            }
        }
    }

    /// <summary>A batch whose write is under way; <see cref="Landed"/> ends once its requests are answered.</summary>
    private sealed record Flight(SamplingBatch.Touch Touched, Task<bool> Landed);

    /// <summary>
    /// Reads the batch while <paramref name="previous"/> is still being written (the two overlap: one waits on the database
    /// while the other works), waits for that write to commit, reads again what it touched, applies the rules and starts
    /// this batch's write. Returns the batch in flight, or null when it was written the slow way (after a failure).
    /// </summary>
    private async Task<Flight?> TakeOffAsync(List<Pending> taken, int scans, Flight? previous, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var jobs = taken.Select(p => p.Job).ToList();
        var scope = scopes.CreateAsyncScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var clock = scope.ServiceProvider.GetRequiredService<CountyClock>();
            // One physical connection for the batch's reads and its write (as SamplingIngest.RunAsync holds one).
            await db.Database.OpenConnectionAsync(ct);
            var lookups = await SamplingLookups.ReadAsync(db, clock.Today, jobs, ct);
            if (previous is not null)
            {
                if (!await previous.Landed)
                {
                    // The previous batch failed and was written job by job: what this batch read may be stale anywhere.
                    throw new InvalidOperationException("The previous sampling batch was written job by job");
                }

                started = Math.Max(started, System.Diagnostics.Stopwatch.GetTimestamp());
                await lookups.RefreshAsync(db, previous.Touched, clock.Today, ct);
            }

            var (state, results) = SamplingIngest.Apply(lookups, jobs, clock);
            var touched = state.Touched();
            // On its own thread: SQLite's "async" calls run synchronously, and this batch's write must not hold up the next read.
            var write = Task.Run(() => SamplingIngest.WriteAsync(db, state, ct), CancellationToken.None);
            return new Flight(touched, LandAsync(taken, scans, scope, write, results, started));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await scope.DisposeAsync();
            if (previous is not null)
            {
                await previous.Landed;
            }

            log.LogDebug(e, "Sampling batch of {Jobs} jobs is written the slow way", taken.Count);
            await WriteSlowlyAsync(taken, scans, ct);
            return null;
        }
        catch (OperationCanceledException e)
        {
            await scope.DisposeAsync();
            Cancel(taken, scans, e);
            throw;
        }
    }

    /// <summary>Answers the requests once their write committed (true); if it failed, writes them job by job (false).</summary>
    private async Task<bool> LandAsync(List<Pending> taken, int scans, AsyncServiceScope scope, Task write,
        List<SamplingIngest.JobResult> results, long started)
    {
        try
        {
            await write;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await scope.DisposeAsync();
            log.LogWarning(e, "Sampling batch of {Jobs} jobs failed; writing it again the slow way", taken.Count);
            await WriteSlowlyAsync(taken, scans, CancellationToken.None);
            return false;
        }
        catch (OperationCanceledException e)
        {
            await scope.DisposeAsync();
            Cancel(taken, scans, e);
            return false;
        }

        await scope.DisposeAsync();
        Observe(scans, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        for (var i = 0; i < taken.Count; i++)
        {
            taken[i].Answer.TrySetResult(results[i]);
        }

        Release(scans, taken.Count);
        return true;
    }

    /// <summary>Shutting down: the requests of a batch that will not be written are cancelled.</summary>
    private void Cancel(List<Pending> taken, int scans, OperationCanceledException e)
    {
        taken.ForEach(p => p.Answer.TrySetCanceled(e.CancellationToken));
        Release(scans, taken.Count);
    }

    /// <summary>The slow way: the whole batch in one go, and if that fails each job on its own (one bad job must not fail the others).</summary>
    private async Task WriteSlowlyAsync(List<Pending> taken, int scans, CancellationToken ct)
    {
        try
        {
            await WriteAsync(taken, ct);
        }
        catch (Exception e) when (taken.Count > 1 && e is not OperationCanceledException)
        {
            log.LogWarning(e, "Sampling batch of {Jobs} jobs failed; retrying them one by one", taken.Count);
            foreach (var one in taken)
            {
                try
                {
                    await WriteAsync([one], ct);
                }
                catch (Exception single) when (single is not OperationCanceledException)
                {
                    log.LogError(single, "Sampling job failed");
                    one.Answer.TrySetException(single);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Sampling job failed");
            taken[0].Answer.TrySetException(e);
        }
        finally
        {
            Release(scans, taken.Count);
        }
    }

    /// <summary>The admission rule: would <paramref name="size"/> more scans behind <paramref name="before"/> wait too long?</summary>
    private bool Refuses(int before, int size, int waitingRequests)
    {
        var total = before + size;
        return waitingRequests > MaxQueuedRequests || total > MaxQueuedScans
            || (total > MinAdmitted && TimeSpan.FromSeconds(total / DrainRate) > MaxWait);
    }

    private void Release(int scans, int jobs)
    {
        Interlocked.Add(ref queued, -scans);
        Interlocked.Add(ref requests, -jobs);
    }

    private async Task WriteAsync(IReadOnlyList<Pending> jobs, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<CountyClock>();
        var results = await SamplingIngest.RunAsync(db, clock, jobs.Select(j => j.Job).ToList(), ct);
        for (var i = 0; i < jobs.Count; i++)
        {
            jobs[i].Answer.TrySetResult(results[i]);
        }
    }
}
