using GridGuard.Features.MassTesting.Collection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridGuard.Tests.Features.MassTesting;

/// <summary>Admission control of the scan writer, on a writer that is not started (so nothing drains the queue).</summary>
public sealed class SamplingWriterTests
{
    private static SamplingWriter Writer() =>
        new(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), NullLogger<SamplingWriter>.Instance);

    private static SamplingIngest.Job Job(int scans) => new(Guid.NewGuid(), Guid.NewGuid(), "采样员", ["/1/"],
        Enumerable.Range(0, scans).Select(_ => new Scan(Guid.NewGuid(), "TUBE0001", 10, null, "110101199003074514", null, null, null, null)).ToList());

    [Fact]
    public void TryEnqueue_MoreRequestsThanTheCap_RefusesTheRest()
    {
        var writer = Writer();

        var accepted = Enumerable.Range(0, SamplingWriter.MaxQueuedRequests).Select(_ => writer.TryEnqueue(Job(1))).ToList();
        var refused = writer.TryEnqueue(Job(1));

        Assert.All(accepted, Assert.NotNull);
        Assert.Null(refused);
        Assert.Equal(SamplingWriter.MaxQueuedRequests, writer.Queued);
    }

    [Fact]
    public void TryEnqueue_MoreScansThanTheCap_RefusesTheBatchThatWouldOverflow()
    {
        var writer = Writer();
        var batches = SamplingWriter.MaxQueuedScans / RecordSamplingBatch.MaxScans;

        var accepted = Enumerable.Range(0, batches).Select(_ => writer.TryEnqueue(Job(RecordSamplingBatch.MaxScans))).ToList();
        var refused = writer.TryEnqueue(Job(1));

        Assert.All(accepted, Assert.NotNull);
        Assert.Null(refused);
        Assert.Equal(SamplingWriter.MaxQueuedScans, writer.Queued);
    }
}
