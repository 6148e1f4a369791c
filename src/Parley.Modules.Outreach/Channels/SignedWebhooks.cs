using Microsoft.AspNetCore.Http;
using NodaTime;
using Parley.Modules.Outreach.Inbound;
using Parley.SharedKernel;
using Parley.SharedKernel.Webhooks;

namespace Parley.Modules.Outreach.Channels;

/// <summary>
/// The outreach providers' webhooks read and checked with the kernel's one <see cref="WebhookSignature"/> (the payment
/// providers' scheme), its answers named as outreach refusals.
/// </summary>
public static class SignedWebhooks
{
    /// <summary>The raw body when the signature holds; otherwise a 401 (forged) or 401 (replayed), or 413 past the limit — nothing read further.</summary>
    public static async Task<byte[]> ReadVerifiedAsync(HttpRequest request, string? secret, string provider, Instant now, Duration tolerance, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(secret))
        {
            throw new DomainException(new OutreachWebhookUnknown(provider));
        }

        if (request.ContentLength > WebhookSignature.MaxBodyBytes)
        {
            throw new DomainException(new OutreachWebhookTooLarge());
        }

        var body = await WebhookSignature.ReadAtMostAsync(request.Body, WebhookSignature.MaxBodyBytes, StoppedByKestrel, cancellationToken)
            ?? throw new DomainException(new OutreachWebhookTooLarge());
        return WebhookSignature.Verify(request.Headers[WebhookSignature.Header], secret, body, now, tolerance) switch
        {
            SignatureCheck.Valid => body,
            SignatureCheck.Stale => throw new DomainException(new OutreachWebhookReplayed()),
            SignatureCheck.Missing or SignatureCheck.Invalid => throw new DomainException(new OutreachWebhookSignatureInvalid()),
        };
    }

    /// <summary>Kestrel's own limit for the route (the same size) stopped the read first.</summary>
    internal static bool StoppedByKestrel(Exception e) => e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge };
}
