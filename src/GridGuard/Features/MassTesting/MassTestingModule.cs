using GridGuard.Features.Households.Import;
using GridGuard.Features.MassTesting.Collection;
using GridGuard.Features.MassTesting.Coverage;
using GridGuard.Features.MassTesting.Exemptions;
using GridGuard.Features.MassTesting.Results;
using GridGuard.Features.MassTesting.Results.Import;
using GridGuard.Features.MassTesting.Results.Lookup;
using GridGuard.Features.MassTesting.Rounds;
using GridGuard.Features.MassTesting.Sites;

namespace GridGuard.Features.MassTesting;

/// <summary>
/// Mass testing (区域核酸筛查, DOMAIN.md §7): rounds over a subtree with their expected population, sampling sites and
/// timetables, exemptions, tubes and scans (online and in offline batches), lab results and their propagation, the
/// resident's result lookup, and the live coverage board with the reconciliation list.
/// </summary>
public static class MassTestingModule
{
    public static IServiceCollection AddMassTesting(this IServiceCollection services)
    {
        services.AddSingleton<SamplingWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<SamplingWriter>());
        services.AddTransient<IStartupFilter, ScanShedding>();
        services.AddSingleton<RoundSnapshotWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<RoundSnapshotWorker>());
        services.AddScoped<ResultImporter>();
        services.AddImportUpload("/api/lab-results/import", "/lab-results/import");
        services.AddOptions<LookupOptions>().BindConfiguration(LookupOptions.Section);
        services.AddSingleton<LookupLimiter>();
        return services;
    }

    public static WebApplication MapMassTesting(this WebApplication app)
    {
        var rounds = app.MapGroup("/api/testing-rounds").WithTags("区域核酸筛查").RequireAuthorization();
        rounds.MapListRounds();
        rounds.MapOpenRound();
        rounds.MapCloseRound();
        rounds.MapRoundCoverage();
        rounds.MapListMissing();
        rounds.MapExportMissing();
        rounds.MapListUnregistered();
        rounds.MapOpenTube();
        rounds.MapCloseTube();
        rounds.MapGetTube();
        rounds.MapRecordSampling();
        rounds.MapRecordSamplingBatch();
        rounds.MapAddSite().MapEditSite().MapListSites().MapGetSite().MapAddSlot().MapRemoveSlot().MapExportTimetable();
        rounds.MapRecordExemption().MapLiftExemption().MapListExemptions();
        app.MapGroup("/api/testing-timetable").WithTags("区域核酸筛查").AllowAnonymous().MapPublicTimetable();
        var results = app.MapGroup("/api/lab-results").WithTags("核酸检测结果").RequireAuthorization();
        results.MapRecordResult();
        results.MapCorrectResult();
        results.MapImportResults();
        results.MapGetResultImportTemplate();
        var lookup = app.MapGroup("/api/result-lookup").WithTags("核酸结果查询（居民）").AllowAnonymous();
        lookup.MapLookupResult();
        return app;
    }
}
