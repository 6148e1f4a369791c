using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Parley.Web.Composition;

/// <summary>
/// The largest request body Kestrel reads for any endpoint, with or without Content-Length (a chunked body is counted
/// as it arrives): 1 MiB unless <c>Parley:MaxRequestBodyBytes</c> says otherwise. JSON requests are far smaller; the
/// placement upload raises it for itself to <c>Imports:MaxUploadBytes</c> once the caller is authorised, and the
/// payment webhook lowers it to 64 KiB.
/// </summary>
public static class RequestLimits
{
    public const string MaxBodyBytesKey = "Parley:MaxRequestBodyBytes";
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    public static void Apply(KestrelServerOptions kestrel, IConfiguration configuration)
    {
        var limit = configuration.GetValue<long?>(MaxBodyBytesKey) ?? DefaultMaxBodyBytes;
        if (limit < 1)
        {
            throw new InvalidOperationException($"{MaxBodyBytesKey} must be a positive number of bytes, not {limit}.");
        }

        kestrel.Limits.MaxRequestBodySize = limit;
    }
}
