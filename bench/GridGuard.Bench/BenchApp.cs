using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using GridGuard.Features.Demo;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridGuard.Bench;

/// <summary>
/// The real app (Program: every module, the middleware, the endpoints) in process on the bench's own database, served
/// by TestServer: the registry scenarios measure through HTTP as a client does, without the network. Production
/// environment, logs at Warning, migrations on start.
/// </summary>
public sealed class BenchApp(BenchDatabase database, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    static BenchApp()
    {
        // WebApplicationFactory looks for the app's project beside a solution file; the bench runs from its output.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_GRIDGUARD", AppContext.BaseDirectory);
    }

    public const string CountyCode = DemoSeed.CountyCode;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The app's files (appsettings.json, data/) are copied beside the bench; no source tree is needed.
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseWebRoot(AppContext.BaseDirectory);
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", database.Provider);
        builder.UseSetting("ConnectionStrings:GridGuard", database.ConnectionString);
        builder.UseSetting("DataProtection:KeyPath", Path.Combine(Path.GetTempPath(), "gridguard-bench-keys"));
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Canvassing:WarmCoverageMinutes", "0"); // coverage-rollup measures cold and warm reads itself
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft", Environment.GetEnvironmentVariable("GRIDGUARD_BENCH_SQL") is null ? "Error" : "Information");
        // The importers' own timing lines (where the time went) are part of a run's record.
        builder.UseSetting("Logging:LogLevel:GridGuard.Features.Households.Import", "Information");
        // A fresh PostgreSQL database makes EF log its expected "no migrations history table" as an error.
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", Environment.GetEnvironmentVariable("GRIDGUARD_BENCH_SQL") ?? "None");
        // Plain single lines instead of the app's JSON console (Production): the run's record is read by people.
        builder.ConfigureLogging(logging => logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true));
        // scan-batch's rule-free endpoint, so that its ceiling is measured with the same client over the same HTTP.
        builder.ConfigureServices(ScanCeiling.AddTo);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>
    /// The demo county as the app seeds it (DemoSeed): the real townships and villages of 530427, the synthetic
    /// tree below them (about 1,400 grids), the demo accounts, then <paramref name="persons"/> synthetic residents
    /// (SyntheticPopulation, fixed seed, written with BulkCopy) with stewards and a running canvass.
    /// </summary>
    public static async Task<BenchApp> SeedAsync(BenchDatabase database, int persons, IReadOnlyDictionary<string, string?>? more = null,
        bool kestrel = false)
    {
        var all = new Dictionary<string, string?>(more ?? new Dictionary<string, string?>())
        {
            ["Demo:Persons"] = persons.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Demo:ControlPlans"] = "false", // the scenarios make their own plans, areas and tasks
        };
        var app = new BenchApp(database, all);
        if (kestrel)
        {
            // Real HTTP over loopback (Kestrel on a free port) for the load scenarios, instead of TestServer.
            app.UseKestrel(0);
        }

        var clock = Stopwatch.StartNew();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeed>().RunAsync();
        }

        var counts = await app.WithDbAsync(async db => (
            Persons: await db.Persons.CountAsync(),
            Households: await db.Households.CountAsync(),
            Grids: await db.Jurisdictions.CountAsync(j => j.Level == Features.Jurisdictions.JurisdictionLevel.Grid)));
        Console.WriteLine($"seed: {counts.Persons:N0} persons, {counts.Households:N0} households, {counts.Grids:N0} grids "
            + $"in {clock.Elapsed.TotalSeconds:F1} s ({database.Provider})");
        return app;
    }

    /// <summary>An HTTP client signed in (bearer token) as one of the demo accounts, e.g. "county".</summary>
    public async Task<HttpClient> ClientAsync(string userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.Timeout = Timeout.InfiniteTimeSpan;
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = DemoSeed.Password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
