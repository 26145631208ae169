using GridGuard.Platform;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Canvassing.Coverage;

/// <summary>
/// Counts, at start and then every <c>Canvassing:WarmCoverageMinutes</c> minutes (default 10; 0 turns it off, as the
/// tests and benches do), the coverage of the nodes whose records changed, whose canvass changed or that were counted on
/// an earlier day (ADR 13), so that the first person to open the county's coverage after midnight or an import does not
/// wait for the whole county to be counted. Reads stay correct without it.
/// </summary>
public sealed class CoverageWarmer(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration,
    ILogger<CoverageWarmer> log) : PeriodicService(scopes, time, configuration, log, "Canvassing:WarmCoverageMinutes", 10)
{
    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var today = services.GetRequiredService<CountyClock>().Today;
        var roots = await db.Jurisdictions.AsNoTracking().Where(j => j.ParentId == null).Select(j => j.Path).ToListAsync(ct);
        foreach (var root in roots)
        {
            var active = await Canvasses.ActiveAroundAsync(db, root, today, ct);
            await NodeTallies.LoadAsync(db, root, today, active, ct);
        }
    }
}
