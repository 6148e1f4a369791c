using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Parley.Web.Security;

/// <summary>
/// The client address behind a reverse proxy, for the sign-in limits (ADR 15): X-Forwarded-For is read only from the
/// proxies the operator names in <c>Parley:ForwardedHeaders</c>; with none named it is ignored, since any client can
/// write any address there.
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string ProxiesKey = "Parley:ForwardedHeaders:KnownProxies";
    public const string NetworksKey = "Parley:ForwardedHeaders:KnownNetworks";

    public static IServiceCollection AddParleyForwardedHeaders(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            var proxies = configuration.GetSection(ProxiesKey).Get<string[]>() ?? [];
            var networks = configuration.GetSection(NetworksKey).Get<string[]>() ?? [];
            if (proxies.Length == 0 && networks.Length == 0)
            {
                return;
            }

            // Only the named proxies, not the framework's default of loopback.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address : throw new InvalidOperationException($"{ProxiesKey} holds '{proxy}', which is not an IP address."));
            }

            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed : throw new InvalidOperationException($"{NetworksKey} holds '{network}', which is not a network such as 10.0.0.0/8."));
            }

            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        });
        return services;
    }

    /// <summary>First in the pipeline, so everything after sees the client's address; nothing at all unless proxies are named.</summary>
    public static WebApplication UseParleyForwardedHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>().Value.ForwardedHeaders != ForwardedHeaders.None)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
