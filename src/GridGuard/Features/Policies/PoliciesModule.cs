using GridGuard.Features.Households.Import;
using GridGuard.Features.Policies.RiskAreas;
using GridGuard.Features.Policies.RiskAreas.Import;
using GridGuard.Features.Policies.Versions;

namespace GridGuard.Features.Policies;

/// <summary>Risk areas (风险地区) and versioned policies (管控规则): the county's published list and rulebooks.</summary>
public static class PoliciesModule
{
    public static IServiceCollection AddPolicies(this IServiceCollection services) => services
        .AddScoped<RiskAreaImporter>()
        .AddImportUpload("/api/risk-areas/import", "/risk-areas/import");

    public static WebApplication MapPolicies(this WebApplication app)
    {
        // Reading is open to every signed-in user (the list is public information); writes check PolicyEditors.
        var areas = app.MapGroup("/api/risk-areas").WithTags("风险地区").RequireAuthorization();
        areas.MapListRiskAreas();
        areas.MapGetRiskArea();
        areas.MapCreateRiskArea();
        areas.MapEditRiskArea();
        areas.MapEndRiskArea();
        areas.MapDeleteRiskArea();
        areas.MapImportRiskAreas();
        areas.MapGetRiskAreaImportTemplate();
        areas.MapExportRiskAreas();

        var policies = app.MapGroup("/api/policies").WithTags("管控规则").RequireAuthorization();
        policies.MapListPolicies();
        policies.MapGetPolicy();
        policies.MapCreatePolicyVersion();
        policies.MapSetPolicyActive();
        return app;
    }
}
