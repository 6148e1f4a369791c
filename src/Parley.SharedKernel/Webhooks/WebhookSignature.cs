using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace Parley.SharedKernel.Webhooks;

/// <summary>What a webhook's signature came to; each module maps it to its own named refusal.</summary>
public enum SignatureCheck
{
    Valid,
    Missing,
    Invalid,
    Stale,
}

/// <summary>
/// The one webhook signature every provider Parley takes events from uses (payments, SMS, inbound e-mail):
/// <c>Parley-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;raw body&gt;"&gt;</c>. Several v1
/// values may be sent while a provider rotates its secret; any one matching is enough. A timestamp further from now
/// than the tolerance either way is refused as a replay.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Parley-Signature";

    /// <summary>Every signed webhook's body limit: the route's Kestrel limit and <see cref="ReadAtMostAsync"/> alike.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(Compute(secret, unixSeconds, body));

    public static string HeaderValue(string secret, long unixSeconds, ReadOnlySpan<byte> body) =>
        $"t={unixSeconds.ToString(CultureInfo.InvariantCulture)},v1={Sign(secret, unixSeconds, body)}";

    public static SignatureCheck Verify(string? header, string secret, ReadOnlySpan<byte> body, Instant now, Duration tolerance)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return SignatureCheck.Missing;
        }

        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
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

        if (timestamp is not { } seconds || signatures.Count == 0)
        {
            return SignatureCheck.Invalid;
        }

        var expected = Compute(secret, seconds, body);
        var matched = false;
        foreach (var signature in signatures)
        {
            // Constant-time, and every candidate is compared, so timing reveals nothing about the expected value.
            matched |= CryptographicOperations.FixedTimeEquals(expected, signature);
        }

        if (!matched)
        {
            return SignatureCheck.Invalid;
        }

        var signedAt = Instant.FromUnixTimeSeconds(Math.Clamp(seconds, -10_000_000_000L, 10_000_000_000L));
        var skew = now - signedAt;
        return skew > tolerance || -skew > tolerance ? SignatureCheck.Stale : SignatureCheck.Valid;
    }

    /// <summary>
    /// The body, read until its end or until more than <paramref name="limit"/> bytes have come (then null): a chunked
    /// body without Content-Length is never read further than the limit allows. <paramref name="stoppedByHost"/> says
    /// whether an exception is the host's own size limit stopping the read first (that too answers null).
    /// </summary>
    public static async Task<byte[]?> ReadAtMostAsync(Stream body, int limit, Func<Exception, bool> stoppedByHost, CancellationToken cancellationToken)
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
        catch (Exception e) when (stoppedByHost(e))
        {
            return null;
        }
    }

    private static byte[] Compute(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
