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
    public void TryEnqueue_MoreScansThanDrainInMaxWait_RefusesWithTheDrainTimeAsRetryAfter()
    {
        var writer = Writer();
        writer.Observe(1_000, TimeSpan.FromSeconds(1));

        // 1,000 scans/s and 2 s of patience: 2,000 scans may wait, the next one would wait longer.
        var accepted = Enumerable.Range(0, 4).Select(_ => writer.TryEnqueue(Job(500))).ToList();
        var refused = writer.TryEnqueue(Job(1));

        Assert.All(accepted, Assert.NotNull);
        Assert.Null(refused);
        Assert.Equal(2_000, writer.Queued);
        Assert.Equal(2, writer.RetryAfterSeconds);
    }

    [Fact]
    public void TryEnqueue_EmptyQueue_AdmitsABatchLongerThanMaxWait()
    {
        var writer = Writer();
        writer.Observe(100, TimeSpan.FromSeconds(1));

        var first = writer.TryEnqueue(Job(RecordSamplingBatch.MaxScans));
        var second = writer.TryEnqueue(Job(1));

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal(Math.Min(30, (int)Math.Ceiling(RecordSamplingBatch.MaxScans / 100.0)), writer.RetryAfterSeconds);
    }

    [Fact]
    public void TryEnqueue_AfterAVerySlowBatch_StillAdmitsEnoughScansToMeasureAgain()
    {
        var writer = Writer();
        writer.Observe(SamplingWriter.MinMeasuredBatch, TimeSpan.FromSeconds(60));

        // The estimate is under 2 scans/s, yet MinAdmitted scans may queue, so the next batch is big enough to measure.
        var accepted = Enumerable.Range(0, SamplingWriter.MinAdmitted / 100).Select(_ => writer.TryEnqueue(Job(100))).ToList();
        var refused = writer.TryEnqueue(Job(1));

        Assert.All(accepted, Assert.NotNull);
        Assert.Null(refused);
    }

    [Fact]
    public void Observe_SmallBatchesAndAverages_KeepTheCapacityEstimateSteady()
    {
        var writer = Writer();

        writer.Observe(SamplingWriter.MinMeasuredBatch - 1, TimeSpan.FromMilliseconds(1));
        Assert.Equal(SamplingWriter.InitialDrainRate, writer.DrainRate);

        writer.Observe(2_000, TimeSpan.FromSeconds(1));
        writer.Observe(1_000, TimeSpan.FromSeconds(1));
        Assert.Equal((0.7 * 2_000) + (0.3 * 1_000), writer.DrainRate, 6);
    }

    [Fact]
    public void Saturated_WhenTheRequestCapIsReached_AndNotBefore()
    {
        var writer = Writer();

        var before = Enumerable.Range(0, SamplingWriter.MaxQueuedRequests - 1).Select(_ => writer.TryEnqueue(Job(1))).ToList();
        var wasSaturated = writer.Saturated;
        writer.TryEnqueue(Job(1));

        Assert.All(before, Assert.NotNull);
        Assert.False(wasSaturated);
        Assert.True(writer.Saturated);
    }

    [Theory]
    [InlineData("/api/testing-rounds/0193b2a4-1111-7000-8000-000000000001/samplings", true)]
    [InlineData("/api/testing-rounds/0193b2a4-1111-7000-8000-000000000001/samplings/batch", true)]
    [InlineData("/api/testing-rounds/0193b2a4-1111-7000-8000-000000000001/tubes", true)]
    [InlineData("/api/testing-rounds/0193b2a4-1111-7000-8000-000000000001/tubes/T1/close", false)]
    [InlineData("/api/testing-rounds/0193b2a4-1111-7000-8000-000000000001/coverage", false)]
    [InlineData("/api/testing-rounds", false)]
    [InlineData("/api/testing-rounds/not-a-guid/samplings", false)]
    [InlineData("/api/lab-results/import", false)]
    public void IsSamplerWrite_OnlyTheScanAndTubeWrites(string path, bool shed) =>
        Assert.Equal(shed, ScanShedding.IsSamplerWrite(path));
}
