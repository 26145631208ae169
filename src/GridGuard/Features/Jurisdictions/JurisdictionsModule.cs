using GridGuard.Features.Demo;
using GridGuard.Features.Jurisdictions.Import;
using GridGuard.Platform.Data;

namespace GridGuard.Features.Jurisdictions;

public static class JurisdictionsModule
{
    public static IServiceCollection AddJurisdictions(this IServiceCollection services)
    {
        services.AddScoped<JurisdictionImporter>();
        services.AddOptions<ImportOptions>().BindConfiguration("Import");
        services.AddSingleton<IJurisdictionBulkWriter>(sp =>
            sp.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Postgres
                ? new PostgresJurisdictionBulkWriter()
                : new SqliteJurisdictionBulkWriter());
        services.AddScoped<DemoSeed>();
        services.AddScoped<DemoPopulation>();
        services.AddScoped<DemoControl>();
        services.AddScoped<DemoMassTesting>();
        services.AddScoped<DemoQuarantine>();
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
        group.MapImportJurisdictions();
        group.MapGetImportTemplate();
        return app;
    }
}
