using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Parley.Modules.Compliance.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Channels;

/// <summary>
/// One-click unsubscribe tokens (RFC 8058): the account and channel in the clear, and an HMAC-SHA256 over account,
/// channel and address with <c>Outreach:Email:UnsubscribeSecret</c>. The address is never in the link; a token is
/// checked against the addresses Parley wrote to for that account, so a forged or altered token matches none.
/// </summary>
public sealed class UnsubscribeTokens(IOptions<OutreachChannelOptions> options)
{
    private const int MacLength = 32;
    private const int TokenLength = 16 + 1 + MacLength;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.Email.UnsubscribeSecret);

    /// <summary>The token for this account, channel and address, or null when no secret is configured.</summary>
    public string? Create(AccountId account, ContactChannel channel, string address)
    {
        if (!IsConfigured)
        {
            return null;
        }

        var bytes = new byte[TokenLength];
        account.Value.TryWriteBytes(bytes.AsSpan(0, 16));
        bytes[16] = (byte)channel;
        Mac(account, channel, address).CopyTo(bytes.AsSpan(17));
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The account and channel a token names, with its MAC; null for anything that is not a token's shape.</summary>
    public static (AccountId Account, ContactChannel Channel, byte[] Mac)? Read(string? token)
    {
        if (token is null || token.Length > 100)
        {
            return null;
        }

        var bytes = new byte[TokenLength + 3];
        if (!Base64Url.IsValid(token) || Base64Url.DecodeFromChars(token, bytes, out var read, out var written) != System.Buffers.OperationStatus.Done
            || read != token.Length || written != TokenLength || !Enum.IsDefined((ContactChannel)bytes[16]))
        {
            return null;
        }

        return (AccountId.From(new Guid(bytes.AsSpan(0, 16))), (ContactChannel)bytes[16], bytes.AsSpan(17, MacLength).ToArray());
    }

    /// <summary>Whether the MAC was made for this account, channel and address (constant time).</summary>
    public bool Matches(AccountId account, ContactChannel channel, string address, byte[] mac) =>
        IsConfigured && CryptographicOperations.FixedTimeEquals(Mac(account, channel, address), mac);

    /// <summary>The link a mail client follows: <c>{PublicBaseUrl}/outreach/unsubscribe/{token}</c>.</summary>
    public string? Link(AccountId account, ContactChannel channel, string address) =>
        Create(account, channel, address) is { } token
            ? $"{(options.Value.PublicBaseUrl ?? "http://localhost:5000").TrimEnd('/')}/outreach/unsubscribe/{token}"
            : null;

    private byte[] Mac(AccountId account, ContactChannel channel, string address) =>
        HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(options.Value.Email.UnsubscribeSecret!),
            Encoding.UTF8.GetBytes($"{account.Value:N}|{channel}|{AddressLink.Normalise(channel, address)}"));
}
