using GridGuard.Features.MassTesting.Rounds;

namespace GridGuard.Tests.Features.MassTesting;

/// <summary>How long the snapshot worker waits before trying a failed round again.</summary>
public sealed class RoundSnapshotRetryTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(5, 480)]
    [InlineData(6, 600)]
    [InlineData(50, 600)]
    public void RetryDelay_AfterFailures_DoublesFrom30SecondsUpTo10Minutes(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RoundSnapshotWorker.RetryDelay(failures));
}
