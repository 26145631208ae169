using System.Threading.Channels;
using GridGuard.Platform;
using GridGuard.Platform.Data;

namespace GridGuard.Features.MassTesting.Collection;

/// <summary>
/// The one writer of samplings (group commit). Requests — one scan from a phone or a batch from a device coming back
/// online — queue here and wait; the writer takes whatever is queued (up to <see cref="MaxBatchScans"/> scans), applies
/// it in one transaction through <see cref="SamplingIngest"/>, and answers every request. A request is acknowledged only
/// after its transaction committed, so an acknowledged scan is never lost.
/// <para>Admission control: at most <see cref="MaxQueuedScans"/> scans and <see cref="MaxQueuedRequests"/> requests wait at
/// once. Beyond that <see cref="TryEnqueue"/> refuses and the endpoint answers 503 with Retry-After at once, instead of
/// letting requests wait into client timeouts; the device keeps the scans in its queue and resends them (the client ids
/// make the resend harmless). The request cap bounds the wait of one-scan requests: a few hundred of them drain in about
/// a second even on a small machine (docs/benchmarks.md, overload). See ADR 10.</para>
/// </summary>
public sealed class SamplingWriter(IServiceScopeFactory scopes, ILogger<SamplingWriter> log) : BackgroundService
{
    public const int MaxBatchScans = 2_000;
    public const int MaxQueuedScans = 20_000;
    public const int MaxQueuedRequests = 256;

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private int queued;
    private int requests;

    private sealed record Pending(SamplingIngest.Job Job, TaskCompletionSource<SamplingIngest.JobResult> Answer);

    /// <summary>Scans waiting now (for the overload bench and the health page).</summary>
    public int Queued => Volatile.Read(ref queued);

    /// <summary>Queues a job, or returns null when the queue is full (the caller answers 503 with Retry-After).</summary>
    public Task<SamplingIngest.JobResult>? TryEnqueue(SamplingIngest.Job job)
    {
        var size = Math.Max(1, job.Scans.Count);
        var overScans = Interlocked.Add(ref queued, size) > MaxQueuedScans && size < MaxQueuedScans;
        var overRequests = Interlocked.Increment(ref requests) > MaxQueuedRequests;
        if (overScans || overRequests)
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
        var taken = new List<Pending>();
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            taken.Clear();
            var scans = 0;
            while (scans < MaxBatchScans && reader.TryRead(out var next))
            {
                taken.Add(next);
                scans += Math.Max(1, next.Job.Scans.Count);
            }

            try
            {
                await WriteAsync(taken, stoppingToken);
            }
            catch (Exception e) when (taken.Count > 1 && e is not OperationCanceledException)
            {
                // One bad job must not fail the others: write them one by one.
                log.LogWarning(e, "Sampling batch of {Jobs} jobs failed; retrying them one by one", taken.Count);
                foreach (var one in taken)
                {
                    try
                    {
                        await WriteAsync([one], stoppingToken);
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
