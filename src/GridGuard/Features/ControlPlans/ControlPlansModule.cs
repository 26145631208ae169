using GridGuard.Features.ControlPlans.Arrivals;
using GridGuard.Features.ControlPlans.Plans;
using GridGuard.Features.ControlPlans.PolicySwitch;
using GridGuard.Features.ControlPlans.Release;

namespace GridGuard.Features.ControlPlans;

/// <summary>
/// Arrival reports (返乡报备: public filing, matching to the registry) and control plans (管控计划: computed from a
/// report, the risk-area list and the policy in force; confirmed by staff with every decision audited).
/// </summary>
public static class ControlPlansModule
{
    public static IServiceCollection AddControlPlans(this IServiceCollection services)
    {
        services.AddOptions<ArrivalOptions>().BindConfiguration(ArrivalOptions.Section);
        return services;
    }

    public static WebApplication MapControlPlans(this WebApplication app)
    {
        // The groups require a signed-in user; FileArrival and PreviewPlan opt out with AllowAnonymous.
        var arrivals = app.MapGroup("/api/arrivals").WithTags("返乡报备").RequireAuthorization();
        arrivals.MapFileArrival();
        arrivals.MapComputePlan();
        arrivals.MapListArrivals();
        arrivals.MapGetArrival();

        var plans = app.MapGroup("/api/plans").WithTags("管控计划").RequireAuthorization();
        plans.MapPreviewPlan();
        plans.MapListPlans();
        plans.MapGetPlan();
        plans.MapConfirmPlan();
        plans.MapPreviewPolicySwitch();
        plans.MapApplyPolicySwitch();
        plans.MapReleasePlan();
        plans.MapRecordTestResult();
        return app;
    }
}
