using GridGuard.Platform;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Canvassing.Coverage;

/// <summary>
/// Counts, at start and then every <c>Canvassing:WarmCoverageMinutes</c> minutes (default 10; 0 turns it off, as the
/// tests and benches do), the coverage of the nodes whose records changed, whose canvass changed or that were counted on
/// an earlier day (ADR 13), so that the first person to open the county's coverage after midnight or an import does not
/// wait for the whole county to be counted. Reads stay correct without it. The timer follows the injected TimeProvider.
/// </summary>
public sealed partial class CoverageWarmer(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration,
    ILogger<CoverageWarmer> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue("Canvassing:WarmCoverageMinutes", 10);
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
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var today = scope.ServiceProvider.GetRequiredService<CountyClock>().Today;
                var roots = await db.Jurisdictions.AsNoTracking().Where(j => j.ParentId == null).Select(j => j.Path).ToListAsync(stoppingToken);
                foreach (var root in roots)
                {
                    var active = await Canvasses.ActiveAroundAsync(db, root, today, stoppingToken);
                    await NodeTallies.LoadAsync(db, root, today, active, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counting coverage in the background failed; reads count what they need")]
    private partial void LogFailed(Exception exception);
}
