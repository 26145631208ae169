using GridGuard.Features.Households.Export;
using GridGuard.Features.Households.Import;
using GridGuard.Features.Households.Stewardship;

namespace GridGuard.Features.Households;

/// <summary>The population registry: households, persons, stewardship (联户包保).</summary>
public static class HouseholdsModule
{
    public static IServiceCollection AddHouseholds(this IServiceCollection services)
    {
        services.AddOptions<StewardshipOptions>().BindConfiguration(StewardshipOptions.Section);
        services.AddScoped<HouseholdImporter>();
        services.AddSingleton<ImportProgressBoard>();
        services.AddImportUpload(ImportUploadLimit.ApiPath, ImportUploadLimit.PagePath);
        return services;
    }

    public static WebApplication MapHouseholds(this WebApplication app)
    {
        var persons = app.MapGroup("/api/persons").WithTags("人员").RequireAuthorization();
        persons.MapCheckIdNumber();
        persons.MapSearchPersons();
        persons.MapGetPerson();
        persons.MapEditPerson();
        persons.MapMovePerson();
        persons.MapViewIdNumber();

        var households = app.MapGroup("/api/households").WithTags("住户").RequireAuthorization();
        households.MapSearchHouseholds();
        households.MapGetHousehold();
        households.MapCreateHousehold();
        households.MapAddMember();
        households.MapAssignSteward();
        households.MapImportHouseholds();
        households.MapGetImportTemplate();
        households.MapGetImportProgress();

        var stewardship = app.MapGroup("/api/stewardship").WithTags("联户包保").RequireAuthorization();
        stewardship.MapListStewards();
        stewardship.MapListStewardedHouseholds();
        stewardship.MapBulkAssignStewards();
        stewardship.MapExportRoster();
        return app;
    }
}
