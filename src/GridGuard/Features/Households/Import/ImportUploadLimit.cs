using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GridGuard.Features.Households.Import;

/// <summary>Settings of the household list import (section "Import").</summary>
public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>The largest file accepted, in bytes (Import:MaxUploadBytes). Default 64 MiB.</summary>
    public long MaxUploadBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Rows read, planned and written together (Import:ChunkRows, default 10,000). A chunk is cut only between two
    /// households (户编号), so a household is always planned whole; memory holds one chunk, not the file.
    /// </summary>
    public int ChunkRows { get; set; } = 10_000;

    /// <summary>
    /// An upload estimated at this many rows or more (Import:LargeFromRows, default 100,000), and at least half the
    /// registry, takes the large write path (<see cref="ImportWriteSession.GoLargeAsync"/>).
    /// </summary>
    public int LargeFromRows { get; set; } = 100_000;

    /// <summary>
    /// PostgreSQL takes the large write path only into a registry holding fewer persons than this before the upload
    /// (Import:InitialLoadBelowPersons, default 10,000): its dropped indexes make readers of the registry tables wait
    /// for the upload's commit, acceptable for a county's first load, not for a registry in use (ADR 7).
    /// </summary>
    public int InitialLoadBelowPersons { get; set; } = 10_000;

    /// <summary>The request body allowed around the file: multipart boundaries, the antiforgery field, the file name.</summary>
    public long MaxRequestBytes => MaxUploadBytes + (1024 * 1024);

    /// <summary>A size as people read it: "64 MB", "1.5 MB", "2 KB".</summary>
    public static string Megabytes(long bytes) => bytes < 1024 * 1024
        ? (bytes / 1024d).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " KB"
        : (bytes / 1024d / 1024d).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MB";
}

/// <summary>The upload URLs whose request body limit is Import:MaxUploadBytes: an API path and the page that posts to itself.</summary>
public sealed class ImportUploadRoutes
{
    public List<(string ApiPath, string PagePath)> Routes { get; } = [];
}

public static class ImportUploadServices
{
    /// <summary>
    /// Registers one upload (its API path and its page path) under the import size limit. The limit's middleware is
    /// added once, however many capabilities register uploads.
    /// </summary>
    public static IServiceCollection AddImportUpload(this IServiceCollection services, string apiPath, string pagePath)
    {
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section);
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, ImportUploadLimit>());
        services.Configure<ImportUploadRoutes>(r => r.Routes.Add((apiPath, pagePath)));
        return services;
    }
}

/// <summary>
/// Sets the server's request body limit of the registered upload URLs (<see cref="ImportUploadRoutes"/>) to
/// Import:MaxUploadBytes (plus the multipart overhead) before anything reads the body; Kestrel's default (about
/// 28.6 MB) would otherwise refuse larger files with a bare 413. A page upload that announces a body over the limit is
/// sent back to its page with a Chinese message (?tooLarge=1); the API checks the same announced length itself,
/// after authentication, and answers a Chinese 413.
/// </summary>
internal sealed class ImportUploadLimit(IOptions<ImportOptions> options, IOptions<ImportUploadRoutes> routes) : IStartupFilter
{
    public const string ApiPath = "/api/households/import";
    public const string PagePath = "/households/import";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var request = context.Request;
            if (HttpMethods.IsPost(request.Method))
            {
                var max = options.Value.MaxRequestBytes;
                foreach (var (api, page) in routes.Value.Routes)
                {
                    var isPage = request.Path.Equals(page, StringComparison.OrdinalIgnoreCase);
                    if (!isPage && !request.Path.Equals(api, StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    if (isPage && request.ContentLength > max)
                    {
                        context.Response.Redirect(page + "?tooLarge=1");
                        context.Response.StatusCode = StatusCodes.Status303SeeOther;
                        return;
                    }

                    if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                    {
                        limit.MaxRequestBodySize = max;
                    }

                    break;
                }
            }

            await nextMiddleware(context);
        });
        next(app);
    };
}
