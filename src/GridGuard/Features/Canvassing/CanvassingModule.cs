using GridGuard.Features.Canvassing.Coverage;
using GridGuard.Features.Canvassing.Visits;

namespace GridGuard.Features.Canvassing;

/// <summary>Door-to-door canvassing (地毯式排查): canvasses, household visits, key-person flags, coverage.</summary>
public static class CanvassingModule
{
    public static IServiceCollection AddCanvassing(this IServiceCollection services)
    {
        services.AddOptions<CanvassingOptions>().BindConfiguration("Canvassing");
        services.AddHostedService<CoverageWarmer>();
        return services;
    }

    public static WebApplication MapCanvassing(this WebApplication app)
    {
        var group = app.MapGroup("/api/canvassing").WithTags("排查").RequireAuthorization();
        group.MapCreateCanvass();
        group.MapListCanvasses();
        group.MapGetVisitForm();
        group.MapRecordVisit();
        group.MapFlagKeyPerson();
        group.MapListFlags();
        group.MapGetCoverage();
        group.MapGetCoverageList();
        return app;
    }
}
