using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace Parley.Modules.Payments.Webhooks;

public enum SignatureCheck
{
    Valid,
    Missing,
    Invalid,
    Stale,
}

/// <summary>
/// <c>Parley-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;raw body&gt;"&gt;</c>. Several v1 values may
/// be sent while a provider rotates its secret; any one matching is enough.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Parley-Signature";

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

    private static byte[] Compute(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
