using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace GridGuard.Platform.Auth;

public static class AuthModule
{
    /// <summary>Pages use the Identity cookie; API clients and devices send a bearer token from /api/auth/token.</summary>
    public const string CookieOrBearer = "CookieOrBearer";

    public static WebApplicationBuilder AddPlatformAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<CurrentUser>();

        // Keys live beside the database so that cookies and tokens survive a restart.
        var keyDir = builder.Configuration["DataProtection:KeyPath"]
            ?? Path.Combine(builder.Environment.ContentRootPath, "data", "keys");
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keyDir)).SetApplicationName("GridGuard");

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearer;
                o.DefaultChallengeScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, "Cookie or bearer", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(12))
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/forbidden";
            o.Cookie.Name = "gridguard";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            // API callers get status codes, never a redirect to the login page.
            o.Events.OnRedirectToLogin = ctx => Redirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => Redirect(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<AppSignInManager>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>();

        // Everything requires a signed-in user unless it says [AllowAnonymous] (see the endpoint auth test).
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, p => p.RequireAuthenticatedUser()
                .AddRequirements(new HoldsRoleRequirement(Role.Admin)));
        services.AddScoped<IAuthorizationHandler, HoldsRoleHandler>();
        return builder;
    }

    private static Task Redirect(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int apiStatus)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = apiStatus;
        }
        else
        {
            ctx.Response.Redirect(ctx.RedirectUri);
        }

        return Task.CompletedTask;
    }
}

public static class Policies
{
    public const string Admin = "Admin";
}

/// <summary>Requires the user to hold <see cref="Role"/> at some node.</summary>
public sealed record HoldsRoleRequirement(Role Role) : IAuthorizationRequirement;

public sealed class HoldsRoleHandler(CurrentUser currentUser) : AuthorizationHandler<HoldsRoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, HoldsRoleRequirement requirement)
    {
        if (currentUser.Has(requirement.Role))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
