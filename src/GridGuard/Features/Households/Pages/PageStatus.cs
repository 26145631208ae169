using Microsoft.AspNetCore.Diagnostics;

namespace GridGuard.Features.Households.Pages;

/// <summary>
/// Sets a page's status code (403 for a role that may not act) while the page renders its own Chinese message: the
/// status-code re-execution of the pipeline is switched off for this response, so the body is not replaced.
/// Missing or out-of-scope records call <c>NavigationManager.NotFound()</c> instead, which renders the router's
/// NotFound page with a 404 (a raw 404 status makes Blazor drop the page's body).
/// </summary>
public static class PageStatus
{
    public static void Set(HttpContext? context, int statusCode)
    {
        if (context is null || context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = statusCode;
        if (context.Features.Get<IStatusCodePagesFeature>() is { } feature)
        {
            feature.Enabled = false;
        }
    }
}
