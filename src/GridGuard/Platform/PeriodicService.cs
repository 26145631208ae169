namespace GridGuard.Platform;

/// <summary>
/// A background job run at start and then every <c>minutes</c> minutes, read from <paramref name="minutesKey"/>
/// (0 or less turns it off, as the tests do); each run gets its own service scope, and a failed run is logged and
/// tried again at the next tick. The timer follows the injected <see cref="TimeProvider"/>.
/// </summary>
public abstract class PeriodicService(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration,
    ILogger log, string minutesKey, int defaultMinutes) : BackgroundService
{
    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue(minutesKey, defaultMinutes);
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
                await RunOnceAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "{Job} failed; it runs again in {Minutes} minutes", GetType().Name, minutes);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
