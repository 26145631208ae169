using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace GridGuard.Tests.Infrastructure;

/// <summary>
/// The real app over HTTP on a real database (SQLite file, or PostgreSQL in CI), migrated at start.
/// Shared by the "app" collection: tests make their own data with unique codes and assert on their own ids.
/// The clock is a <see cref="FakeTimeProvider"/> that starts at 2026-11-24 08:00 in Asia/Shanghai.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    private readonly string keyDir = Path.Combine(Path.GetTempPath(), $"gridguard-keys-{Guid.NewGuid():N}");

    public AppFactory()
        : this(TestDatabase.Create())
    {
    }

    protected AppFactory(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }

    public FakeTimeProvider Clock { get; } = new(Start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:GridGuard", Database.ConnectionString);
        builder.UseSetting("DataProtection:KeyPath", keyDir);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Monitoring:SweepMinutes", "0"); // tests run the task sweep on demand, at the times they choose
        builder.UseSetting("Canvassing:WarmCoverageMinutes", "0"); // reads count what they need; tests assert that
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>A scope for arranging data directly and checking what was stored.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task WithDbAsync(Func<AppDbContext, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Database.Dispose();
            if (Directory.Exists(keyDir))
            {
                Directory.Delete(keyDir, recursive: true);
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFactory>
{
    public const string Name = "app";
}
