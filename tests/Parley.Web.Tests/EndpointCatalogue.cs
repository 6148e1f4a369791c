using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using Parley.SharedKernel.Security;

namespace Parley.Web.Tests;

/// <summary>One method on one route of the running host, with a concrete URL to call it and the roles that may.</summary>
public sealed record ProbedEndpoint(string Method, string Pattern, string Url, bool IsApi, IReadOnlySet<string>? AllowedRoles, string? Problem, string BodyType)
{
    public override string ToString() => $"{Method} {Pattern}";
}

/// <summary>
/// Every endpoint the host maps, read from its <see cref="EndpointDataSource"/> so a new endpoint is covered without
/// touching the tests; the only hand-kept list is the one of endpoints that are anonymous on purpose.
/// </summary>
public static class EndpointCatalogue
{
    /// <summary>Deliberately anonymous: sign-in, health, API docs, provider webhooks (signature-checked), Blazor's framework files.</summary>
    public static readonly IReadOnlyList<string> AnonymousPatterns =
    [
        "/account/signin",
        "/account/access-denied",
        "/account/signout",
        "/api/auth/token",
        "/health/live",
        "/health/ready",
        "/api/openapi/{documentName}.json",
        "/api/docs/{documentName?}",
        "/api/docs/scalar.js",
        "/api/docs/scalar.aspnetcore.js",
        "/api/docs/favicon.svg",
        "/_framework/opaque-redirect",

        // Payment providers call in without a session; the request carries a signature the handler verifies.
        "/api/payments/webhooks/{provider}",

        // Outreach: SMS and e-mail providers' signed webhooks, and the one-click unsubscribe link (its token is an HMAC).
        "/api/outreach/sms/webhooks/{provider}",
        "/api/outreach/sms/inbound/{provider}",
        "/api/outreach/email/inbound",
        "/outreach/unsubscribe/{token}",

        // Static assets' development fallback (unpublished builds): answers 404 for files not in the manifest.
        "/{**path:file}",
    ];


    /// <summary>Who each staff policy admits; a policy not listed here fails the test, so policies stay named and known.</summary>
    private static readonly Dictionary<string, string[]> PolicyRoles = new(StringComparer.Ordinal)
    {
        [StaffPolicies.Staff] = [.. StaffRoles.All],
        [StaffPolicies.Supervisor] = [StaffRoles.Supervisor, StaffRoles.Admin],
        [StaffPolicies.Compliance] = [StaffRoles.Compliance, StaffRoles.Admin],
        [StaffPolicies.ComplianceOrSupervisor] = [StaffRoles.Compliance, StaffRoles.Supervisor, StaffRoles.Admin],
        [StaffPolicies.Admin] = [StaffRoles.Admin],
    };

    public static IReadOnlyList<RouteEndpoint> All(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ISuppressMatchingMetadata>()?.SuppressMatching != true)];

    public static bool IsDeliberatelyAnonymous(RouteEndpoint endpoint)
    {
        var pattern = Normalise(endpoint.RoutePattern);
        return AnonymousPatterns.Contains(pattern, StringComparer.OrdinalIgnoreCase) || IsStaticAsset(endpoint, pattern);
    }

    /// <summary>The secured endpoints, one entry per HTTP method.</summary>
    public static IReadOnlyList<ProbedEndpoint> Secured(IServiceProvider services) =>
        [.. All(services).Where(e => !IsDeliberatelyAnonymous(e)).SelectMany(Probe).OrderBy(p => p.Pattern, StringComparer.Ordinal).ThenBy(p => p.Method, StringComparer.Ordinal)];

    /// <summary>Every endpoint that reads a JSON body (anonymous ones too), with the body's type, to feed it malformed input.</summary>
    public static IReadOnlyList<(ProbedEndpoint Endpoint, Type BodyType)> WithJsonBody(IServiceProvider services) =>
        [.. All(services)
            .Select(e => (Endpoint: e, Accepts: e.Metadata.GetMetadata<IAcceptsMetadata>()))
            .Where(e => e.Accepts is { RequestType: not null } && e.Accepts.ContentTypes.Contains("application/json", StringComparer.OrdinalIgnoreCase))
            .SelectMany(e => Probe(e.Endpoint).Where(p => p.Method is "POST" or "PUT" or "PATCH").Select(p => (p, e.Accepts!.RequestType!)))
            .OrderBy(e => e.p.Pattern, StringComparer.Ordinal).ThenBy(e => e.p.Method, StringComparer.Ordinal)];

    public static string Describe(IServiceProvider services) =>
        string.Join('\n', All(services).Select(e => $"{Normalise(e.RoutePattern)} [{string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])}] anonymous-allowed={IsDeliberatelyAnonymous(e)} {e.DisplayName}"));

    private static IEnumerable<ProbedEndpoint> Probe(RouteEndpoint endpoint)
    {
        var pattern = Normalise(endpoint.RoutePattern);
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } m ? m : ["GET"];
        var (allowed, problem) = AllowedRoles(endpoint);
        var isApi = pattern.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) || pattern.Equals("/api", StringComparison.OrdinalIgnoreCase);
        // The body must match what the endpoint accepts, or routing answers 415 before authorization is reached.
        var bodyType = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.FirstOrDefault() ?? "application/json";
        return methods.Select(method => new ProbedEndpoint(method, pattern, SampleUrl(endpoint.RoutePattern), isApi, allowed, problem, bodyType));
    }

    private static (IReadOnlySet<string>? Allowed, string? Problem) AllowedRoles(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return (null, "allows anonymous callers but is not on the deliberately anonymous list");
        }

        if (endpoint.Metadata.OfType<AuthorizationPolicy>().Any())
        {
            return (null, "uses an inline authorization policy; use a StaffPolicies name");
        }

        var data = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        if (data.Any(d => !string.IsNullOrEmpty(d.Roles)))
        {
            return (null, "names roles directly; use a StaffPolicies name");
        }

        var policies = data.Select(d => d.Policy).Where(p => !string.IsNullOrEmpty(p)).Select(p => p!).ToList();
        if (policies.Count == 0)
        {
            return (null, "has no StaffPolicies policy (only the fallback: any signed-in user)");
        }

        var unknown = policies.FirstOrDefault(p => !PolicyRoles.ContainsKey(p));
        if (unknown is not null)
        {
            return (null, $"uses policy '{unknown}', which is not a StaffPolicies policy");
        }

        IEnumerable<string> roles = StaffRoles.All;
        foreach (var policy in policies)
        {
            roles = roles.Intersect(PolicyRoles[policy], StringComparer.Ordinal);
        }

        return (roles.ToHashSet(StringComparer.Ordinal), null);
    }

    /// <summary>Files from <c>MapStaticAssets</c> (CSS, scripts, Blazor's framework files); never an API.</summary>
    private static bool IsStaticAsset(RouteEndpoint endpoint, string pattern) =>
        endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null
        && !pattern.StartsWith("/api/", StringComparison.OrdinalIgnoreCase);

    private static string Normalise(RoutePattern pattern) => "/" + (pattern.RawText ?? "").Trim('/');

    /// <summary>A URL that matches the pattern: parameters get a value their constraint accepts.</summary>
    private static string SampleUrl(RoutePattern pattern)
    {
        var url = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            url.Append('/');
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        url.Append(literal.Content);
                        break;
                    case RoutePatternSeparatorPart separator:
                        url.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart parameter:
                        url.Append(SampleValue(parameter));
                        break;
                    default:
                        throw new InvalidOperationException($"Unexpected route part {part.GetType().Name} in {pattern.RawText}.");
                }
            }
        }

        return url.Length == 0 ? "/" : url.ToString();
    }

    private static string SampleValue(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? "").ToList();
        if (constraints.Contains("guid", StringComparer.OrdinalIgnoreCase))
        {
            return "0193a6f0-0000-7000-8000-000000000001";
        }

        if (constraints.Any(c => c is "int" or "long" or "decimal" or "double" or "float"))
        {
            return 1.ToString(CultureInfo.InvariantCulture);
        }

        return constraints.Contains("bool", StringComparer.OrdinalIgnoreCase) ? "true" : "sample";
    }
}
