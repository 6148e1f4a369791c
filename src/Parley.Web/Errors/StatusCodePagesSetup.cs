using Microsoft.AspNetCore.Diagnostics;

namespace Parley.Web.Errors;

/// <summary>
/// A bare error status gets a body: a person's browser asking for a page that does not exist gets the "Page not
/// found" page inside the layout (still a 404); everything else — the API, scripts, other statuses — gets a problem.
/// </summary>
public static class StatusCodePagesSetup
{
    public const string NotFoundPath = "/not-found";

    private static readonly string[] NotPages = ["/api", "/health", "/_framework", "/_content", "/_blazor"];

    public static WebApplication UseParleyStatusCodePages(this WebApplication app)
    {
        app.UseStatusCodePages();
        // On the WebApplication itself (not a branch), so the re-executed request is routed to the page again.
        app.UseStatusCodePagesWithReExecute(NotFoundPath, createScopeForStatusCodePages: true);
        app.Use(next => async context =>
        {
            var page = IsPageRequest(context);
            await next(context);
            // Only a page address answering 404 is "page not found"; the rest fall through to the problem above.
            if ((!page || context.Response.StatusCode != StatusCodes.Status404NotFound) && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }
        });
        return app;
    }

    /// <summary>A browser navigating to a page: a GET for HTML, outside the API and the framework's files.</summary>
    public static bool IsPageRequest(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && !NotPages.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
        && context.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
}
