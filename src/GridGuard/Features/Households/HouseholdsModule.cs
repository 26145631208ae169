namespace GridGuard.Features.Households;

/// <summary>The population registry: households, persons, stewardship (联户包保).</summary>
public static class HouseholdsModule
{
    public static IServiceCollection AddHouseholds(this IServiceCollection services) => services;

    public static WebApplication MapHouseholds(this WebApplication app)
    {
        var persons = app.MapGroup("/api/persons").WithTags("人员").RequireAuthorization();
        persons.MapCheckIdNumber();
        return app;
    }
}
