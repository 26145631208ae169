using GridGuard.Features.Households.Import;
using GridGuard.Features.Venues.Export;
using GridGuard.Features.Venues.Import;

namespace GridGuard.Features.Venues;

/// <summary>Venues (重点场所): register, edit, deactivate, list with counts per kind, export and import.</summary>
public static class VenuesModule
{
    public static IServiceCollection AddVenues(this IServiceCollection services)
    {
        services.AddScoped<VenueImporter>();
        services.AddImportUpload(ImportVenues.ApiPath, ImportVenues.PagePath);
        return services;
    }

    public static WebApplication MapVenues(this WebApplication app)
    {
        var venues = app.MapGroup("/api/venues").WithTags("重点场所").RequireAuthorization();
        venues.MapListVenues();
        venues.MapGetVenue();
        venues.MapRegisterVenue();
        venues.MapEditVenue();
        venues.MapSetVenueActive();
        venues.MapExportVenues();
        venues.MapImportVenues();
        venues.MapGetVenueImportTemplate();
        return app;
    }
}
