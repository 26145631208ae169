using GridGuard.Features.Demo;
using GridGuard.Features.Policies.Versions;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Platform.Data;

public static class DatabaseStartup
{
    /// <summary>Applies migrations, stores the shipped policy rulebooks that are missing, and, in Development with Demo:Seed, seeds the demo county once.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var log = scope.ServiceProvider.GetRequiredService<ILogger<AppDbContext>>();
        if (options.MigrateOnStart)
        {
            await db.Database.MigrateAsync();
            log.LogInformation("Database ready ({Provider})", options.Provider);
        }

        await SeedShippedPolicies.RunAsync(db, scope.ServiceProvider.GetRequiredService<CountyClock>(), log);

        if (!app.Configuration.GetValue<bool>("Demo:Seed"))
        {
            return;
        }

        if (!app.Environment.IsDevelopment())
        {
            log.LogWarning("Demo:Seed is ignored outside Development: demo accounts have a published password");
            return;
        }

        var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeed>().RunAsync();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(" ", app.Urls);
            log.LogInformation("GridGuard 网格防控 is listening on {Urls} (demo county {State})",
                urls, seeded ? "seeded now" : "reused");
            foreach (var a in DemoSeed.Accounts)
            {
                log.LogInformation("Demo account {UserName} / {Password}: {Role} at {Code}",
                    a.UserName, DemoSeed.Password, a.Role, a.JurisdictionCode);
            }
        });
    }
}
