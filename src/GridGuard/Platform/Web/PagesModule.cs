using GridGuard.Components;
using GridGuard.Platform.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace GridGuard.Platform.Web;

public static class PagesModule
{
    public static WebApplication MapPages(this WebApplication app)
    {
        app.MapRazorComponents<App>();
        app.MapPost("/logout", async Task<Results<RedirectHttpResult, BadRequest>> (
            HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signIn) =>
        {
            // The layout's form carries the token; a page elsewhere cannot sign the user out.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return TypedResults.BadRequest();
            }

            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/login");
        }).ExcludeFromDescription();
        return app;
    }
}
