using GridGuard.Components;
using GridGuard.Platform.Auth;
using Microsoft.AspNetCore.Identity;

namespace GridGuard.Platform.Web;

public static class PagesModule
{
    public static WebApplication MapPages(this WebApplication app)
    {
        app.MapRazorComponents<App>();
        app.MapPost("/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/login");
        }).ExcludeFromDescription();
        return app;
    }
}
