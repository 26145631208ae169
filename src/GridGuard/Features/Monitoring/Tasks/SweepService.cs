using GridGuard.Platform;
using GridGuard.Platform.Data;

namespace GridGuard.Features.Monitoring.Tasks;

/// <summary>
/// Runs <see cref="RunSweep"/> at start and then every <c>Monitoring:SweepMinutes</c> minutes (default 5; 0 turns it
/// off, as the tests do, which run the sweep on demand at the times they choose). The timer follows the injected
/// <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class SweepService(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration,
    ILogger<SweepService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue("Monitoring:SweepMinutes", 5);
        if (minutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var summary = await RunSweep.ExecuteAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(),
                    scope.ServiceProvider.GetRequiredService<CountyClock>(), stoppingToken);
                if (summary.Opened + summary.Escalated > 0)
                {
                    LogSwept(summary.Opened, summary.Escalated);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task sweep opened {Opened} tasks and escalated {Escalated}")]
    private partial void LogSwept(int opened, int escalated);

    [LoggerMessage(Level = LogLevel.Error, Message = "Task sweep failed")]
    private partial void LogFailed(Exception exception);
}
