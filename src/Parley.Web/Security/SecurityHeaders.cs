using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;
using Scalar.AspNetCore;

namespace Parley.Web.Security;

/// <summary>
/// The browser-facing security headers on every response (ADR 12): a content security policy, no MIME sniffing, no
/// framing, no referrer off the site, and no powerful browser features. HTML gets the page policy with a nonce fresh
/// for each request (Blazor's import map and Scalar's start-up script are the only inline scripts, each with the nonce); everything else
/// gets a policy that allows nothing, as a JSON answer or a file is never a page.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Pages and the API docs. Styles allow inline because MudBlazor writes style attributes and <c>&lt;style&gt;</c>
    /// elements at run time; scripts come from the host or carry this response's nonce; <c>connect-src 'self'</c> covers
    /// the circuit's WebSocket on the same host and port.
    /// </summary>
    public static string PagePolicy(string nonce) =>
        "default-src 'self'; base-uri 'self'; object-src 'none'; "
        + $"script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Anything that is not HTML (JSON, problems, files): nothing may load, run or frame it.</summary>
    public const string NothingPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>Parley uses none of these; a script that slipped in cannot ask for them either.</summary>
    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), "
        + "magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=()";

    /// <summary>Nothing leaves the site, not even the origin: addresses carry account ids.</summary>
    public const string ReferrerPolicy = "same-origin";

    private static readonly object NonceKey = new();

    /// <summary>This request's script nonce, for the page's inline scripts (the same value the response's policy names).</summary>
    public static string NonceOf(HttpContext context) =>
        context.Items[NonceKey] as string ?? throw new InvalidOperationException("UseParleySecurityHeaders must run before the page renders.");

    /// <summary>First in the pipeline, so error pages, redirects and files carry the headers too.</summary>
    public static WebApplication UseParleySecurityHeaders(this WebApplication app)
    {
        app.Use(next => context =>
        {
            // URL-safe base64 (no '+', '/' or '='), so the attribute reads the same in HTML as in the header.
            var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
            context.Items[NonceKey] = nonce;
            // At the last moment: whatever ran before (Blazor's frame-ancestors, an exception handler clearing headers) is overwritten.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // Scalar's docs page makes its own nonce for its script tags (WithNonce); the policy names whichever the page used.
                var pageNonce = context.Items[ScalarOptions.NonceHttpContextItemKey] as string ?? nonce;
                headers.ContentSecurityPolicy = IsHtml(context.Response.ContentType) ? PagePolicy(pageNonce) : NothingPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = ReferrerPolicy;
                headers["Permissions-Policy"] = PermissionsPolicy;
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    private static bool IsHtml(string? contentType) =>
        contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var type)
        && type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase);
}
