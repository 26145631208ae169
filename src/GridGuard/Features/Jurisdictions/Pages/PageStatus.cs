namespace GridGuard.Features.Jurisdictions.Pages;

/// <summary>HTTP status codes for tree pages that explain themselves (a missing or out-of-scope node).</summary>
public static class PageStatus
{
    /// <summary>
    /// Answers 404 with the page's own body (the NotFound component). Blazor drops the body of a page whose
    /// status changes while it renders if status-code pages are on, expecting them to re-execute; so the
    /// status is set as the response starts, after the page has rendered, and the text the user sees is ours.
    /// </summary>
    public static void NotFound(HttpContext? context)
    {
        context?.Response.OnStarting(() =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }
}
