using GridGuard.Features.Households.Import;

namespace GridGuard.Features.Households;

/// <summary>The population registry: households, persons, stewardship (联户包保).</summary>
public static class HouseholdsModule
{
    public static IServiceCollection AddHouseholds(this IServiceCollection services)
    {
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section);
        services.AddScoped<HouseholdImporter>();
        services.AddTransient<IStartupFilter, ImportUploadLimit>();
        return services;
    }

    public static WebApplication MapHouseholds(this WebApplication app)
    {
        var persons = app.MapGroup("/api/persons").WithTags("人员").RequireAuthorization();
        persons.MapCheckIdNumber();
        var households = app.MapGroup("/api/households").WithTags("户").RequireAuthorization();
        households.MapImportHouseholds();
        households.MapGetImportTemplate();
        return app;
    }
}
