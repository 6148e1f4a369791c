using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using NodaTime;
using Parley.Modules.Outreach.Inbound;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Channels;

/// <summary>
/// The outreach providers' webhook signature, the same scheme as the payment providers' (the Payments module keeps its
/// own; modules share no code but the kernel): <c>Parley-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of
/// "&lt;t&gt;.&lt;raw body&gt;"&gt;</c>, any one of several v1 values matching, the timestamp within the tolerance.
/// </summary>
public static class SignedWebhooks
{
    public const string Header = "Parley-Signature";
    public const int MaxBodyBytes = 64 * 1024;

    public static string HeaderValue(string secret, long unixSeconds, ReadOnlySpan<byte> body) =>
        $"t={unixSeconds.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Compute(secret, unixSeconds, body))}";

    /// <summary>The raw body when the signature holds; otherwise a 401 (forged) or 401 (replayed), or 413 past the limit — nothing read further.</summary>
    public static async Task<byte[]> ReadVerifiedAsync(HttpRequest request, string? secret, string provider, Instant now, Duration tolerance, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(secret))
        {
            throw new DomainException(new OutreachWebhookUnknown(provider));
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            throw new DomainException(new OutreachWebhookTooLarge());
        }

        var body = await ReadAtMostAsync(request.Body, MaxBodyBytes, cancellationToken) ?? throw new DomainException(new OutreachWebhookTooLarge());
        if (!TryRead(request.Headers[Header], out var seconds, out var signatures))
        {
            throw new DomainException(new OutreachWebhookSignatureInvalid());
        }

        var expected = Compute(secret, seconds, body);
        var matched = false;
        foreach (var signature in signatures)
        {
            // Constant-time, and every candidate compared.
            matched |= CryptographicOperations.FixedTimeEquals(expected, signature);
        }

        if (!matched)
        {
            throw new DomainException(new OutreachWebhookSignatureInvalid());
        }

        var skew = now - Instant.FromUnixTimeSeconds(Math.Clamp(seconds, -10_000_000_000L, 10_000_000_000L));
        if (skew > tolerance || -skew > tolerance)
        {
            throw new DomainException(new OutreachWebhookReplayed());
        }

        return body;
    }

    private static bool TryRead(string? header, out long seconds, out List<byte[]> signatures)
    {
        seconds = 0;
        signatures = [];
        long? timestamp = null;
        foreach (var part in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = part.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                continue;
            }

            var (key, value) = (part[..separator], part[(separator + 1)..]);
            if (key == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (key == "v1" && value.Length == 64 && value.All(char.IsAsciiHexDigit))
            {
                signatures.Add(Convert.FromHexString(value));
            }
        }

        seconds = timestamp ?? 0;
        return timestamp is not null && signatures.Count > 0;
    }

    private static byte[] Compute(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    private static async Task<byte[]?> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit + 1L - buffer.Length)), cancellationToken);
                if (read == 0)
                {
                    return buffer.ToArray();
                }

                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }
}
