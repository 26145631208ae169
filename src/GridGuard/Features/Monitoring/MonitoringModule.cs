using GridGuard.Features.Monitoring.Checks;
using GridGuard.Features.Monitoring.Tasks;

namespace GridGuard.Features.Monitoring;

/// <summary>
/// Health monitoring (健康监测: checks of persons under active control plans, referrals after abnormal ones) and the task
/// inbox (任务清单: referrals, missed checks, overdue tests, escalation to the village), with the sweep that makes the
/// missed-check and overdue-test tasks.
/// </summary>
public static class MonitoringModule
{
    public static IServiceCollection AddMonitoring(this IServiceCollection services)
    {
        services.AddHostedService<SweepService>();
        return services;
    }

    public static WebApplication MapMonitoring(this WebApplication app)
    {
        var checks = app.MapGroup("/api/plans").WithTags("健康监测").RequireAuthorization();
        checks.MapRecordHealthCheck();
        checks.MapListHealthChecks();

        var tasks = app.MapGroup("/api/tasks").WithTags("任务清单").RequireAuthorization();
        tasks.MapListTasks();
        tasks.MapGetTask();
        tasks.MapDispatchReferral();
        tasks.MapCloseTask();
        tasks.MapRunSweep();
        return app;
    }
}
