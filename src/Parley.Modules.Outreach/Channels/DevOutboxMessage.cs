using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Channels;

/// <summary>What became of a message in the development outbox.</summary>
public enum DevOutboxStatus
{
    /// <summary>Stored as it would have been sent.</summary>
    Sent,

    /// <summary>The customer (someone playing them) replied.</summary>
    Replied,
}

/// <summary>
/// An e-mail or text that would have left had a server been configured: stored whole (headers as they would be sent),
/// once per idempotency key. Addresses, bodies and headers are encrypted at rest like every message.
/// </summary>
public sealed class DevOutboxMessage
{
    private DevOutboxMessage() => (IdempotencyKey, To, Text, Headers, Language) = ("", "", "", "", "");

    public DevOutboxMessage(string idempotencyKey, AccountId account, CreditorId creditor, ContactChannel channel, string to, string? subject, string text, string? html, string headers, string language, Instant at)
    {
        Id = NewId.Next();
        IdempotencyKey = idempotencyKey;
        AccountId = account;
        CreditorId = creditor;
        Channel = channel;
        To = to;
        Subject = subject;
        Text = text;
        Html = html;
        Headers = headers;
        Language = language;
        Status = DevOutboxStatus.Sent;
        At = at;
    }

    public Guid Id { get; private set; }

    public string IdempotencyKey { get; private set; }

    public AccountId AccountId { get; private set; }

    public CreditorId CreditorId { get; private set; }

    public ContactChannel Channel { get; private set; }

    public string To { get; private set; }

    public string? Subject { get; private set; }

    public string Text { get; private set; }

    public string? Html { get; private set; }

    /// <summary>The headers as they would be sent, one <c>Name: value</c> per line.</summary>
    public string Headers { get; private set; }

    public string Language { get; private set; }

    public DevOutboxStatus Status { get; set; }

    public Instant At { get; private set; }

    /// <summary>The id a provider would have given it: the outbox row's own.</summary>
    public string ProviderMessageId => $"devoutbox-{Id:N}";
}
