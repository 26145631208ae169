using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Web;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace GridGuard.Platform;

/// <summary>Cross-cutting services and middleware: time, logging, problem details, OpenAPI, health, pages.</summary>
public static class PlatformModule
{
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CountyClock>();
        services.AddHttpContextAccessor();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ChineseProblemTitles.Apply);
        // Enums travel as their English names ("Fever", not 2) in every JSON body, in and out (ADR 0008).
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddValidation();
        services.AddOpenApi();
        services.AddRazorComponents();
        // Pages are Chinese: send CJK as characters, not as &#x...; references (a third of the bytes on a phone).
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery();
        services.AddScoped<AuditLog>();
        // Structured logs: message templates everywhere; JSON lines outside Development for log shippers.
        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
        else
        {
            builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler();
        }

        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            await next(context);
        });
        // API errors are ProblemDetails; a page URL that matches nothing shows the Chinese "not found" page.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages =>
        {
            pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
            pages.Use(async (context, next) =>
            {
                await next(context);
                // Only a GET that found nothing becomes the not-found page; other statuses pass through untouched.
                if (context.Response.StatusCode != StatusCodes.Status404NotFound || !HttpMethods.IsGet(context.Request.Method))
                {
                    context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
                }
            });
        });
        app.UseStaticFiles();

        // Routing runs after the status-code pages so that a re-executed request (/not-found) is routed afresh.
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<CurrentUserMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapPlatform(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/scalar", o => o.WithTitle("GridGuard 网格防控 API")).AllowAnonymous();
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = async (ctx, report) =>
            {
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
                }));
            },
        }).AllowAnonymous();
        return app;
    }
}
