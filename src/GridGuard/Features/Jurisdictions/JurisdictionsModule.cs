using GridGuard.Features.Demo;
using GridGuard.Features.Jurisdictions.Import;

namespace GridGuard.Features.Jurisdictions;

public static class JurisdictionsModule
{
    public static IServiceCollection AddJurisdictions(this IServiceCollection services)
    {
        services.AddScoped<JurisdictionImporter>();
        services.AddScoped<DemoSeed>();
        return services;
    }

    public static WebApplication MapJurisdictions(this WebApplication app)
    {
        var group = app.MapGroup("/api/jurisdictions").WithTags("辖区").RequireAuthorization();
        group.MapGetJurisdiction();
        group.MapSearchJurisdictions();
        group.MapCreateJurisdiction();
        group.MapRenameJurisdiction();
        group.MapMoveJurisdiction();
        group.MapDeactivateJurisdiction();
        group.MapReactivateJurisdiction();
        return app;
    }
}
