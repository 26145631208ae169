using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Platform.Data;

public static class DataModule
{
    /// <summary>
    /// Registers AppDbContext for the configured provider. The connection string is
    /// ConnectionStrings:GridGuard (environment: ConnectionStrings__GridGuard); for SQLite
    /// it defaults to a file under the content root.
    /// </summary>
    public static WebApplicationBuilder AddPlatformData(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddSingleton(options);
        var connectionString = builder.Configuration.GetConnectionString("GridGuard");

        // Options are built once (singleton), not per request: every service they use is a singleton too.
        builder.Services.AddSingleton<AuditInterceptor>();
        builder.Services.AddSingleton<GrantCache>();
        builder.Services.AddSingleton<GrantCache.Invalidator>();
        builder.Services.AddSingleton<Features.Canvassing.Coverage.CoverageInvalidator>();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:GridGuard is empty.");
            }

            // Statements the app repeats (the sampling writer's dozen per batch, the grant look-up) are prepared once per
            // physical connection after a few uses instead of parsed and planned on every call, unless the operator set it.
            var npgsql = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            if (npgsql.MaxAutoPrepare == 0)
            {
                npgsql.MaxAutoPrepare = 128;
                connectionString = npgsql.ConnectionString;
            }

            builder.Services.AddDbContext<AppDbContext, PostgresAppDbContext>((sp, o) => o
                .UseNpgsql(connectionString)
                .AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<GrantCache.Invalidator>(),
                    sp.GetRequiredService<Features.Canvassing.Coverage.CoverageInvalidator>()),
                optionsLifetime: ServiceLifetime.Singleton);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                var file = System.IO.Path.GetFullPath(options.Path, builder.Environment.ContentRootPath);
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
                connectionString = $"Data Source={file}";
            }

            builder.Services.AddDbContext<AppDbContext, SqliteAppDbContext>((sp, o) => o
                .UseSqlite(connectionString)
                .AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<GrantCache.Invalidator>(),
                    sp.GetRequiredService<Features.Canvassing.Coverage.CoverageInvalidator>()),
                optionsLifetime: ServiceLifetime.Singleton);
        }

        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);
        return builder;
    }
}
