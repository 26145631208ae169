using GridGuard.Platform;
using GridGuard.Platform.Data;

namespace GridGuard.Features.Monitoring.Tasks;

/// <summary>
/// Runs <see cref="RunSweep"/> at start and then every <c>Monitoring:SweepMinutes</c> minutes (default 5; 0 turns it
/// off, as the tests do, which run the sweep on demand at the times they choose).
/// </summary>
public sealed partial class SweepService(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration,
    ILogger<SweepService> log) : PeriodicService(scopes, time, configuration, log, "Monitoring:SweepMinutes", 5)
{
    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var summary = await RunSweep.ExecuteAsync(services.GetRequiredService<AppDbContext>(),
            services.GetRequiredService<CountyClock>(), ct);
        if (summary.Opened + summary.Escalated > 0)
        {
            LogSwept(summary.Opened, summary.Escalated);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task sweep opened {Opened} tasks and escalated {Escalated}")]
    private partial void LogSwept(int opened, int escalated);
}
