using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Inbound;

/// <summary>
/// A message on an account, either way: a customer's reply by text or e-mail (inbound), or a keyword confirmation Parley
/// sent. The text is the new part only (quoted threads and signatures removed) and is encrypted at rest; a provider's
/// message id is stored once per provider, so a redelivered webhook stores nothing twice.
/// </summary>
public sealed class OutreachMessage
{
    private OutreachMessage() => Text = "";

    public OutreachMessage(AccountId account, CustomerId customer, CreditorId creditor, ContactDirection direction, ContactChannel channel, Instant at, string text, string? provider, string? providerMessageId, string? keyword)
    {
        Id = NewId.Next();
        AccountId = account;
        CustomerId = customer;
        CreditorId = creditor;
        Direction = direction;
        Channel = channel;
        At = at;
        Text = text;
        Provider = provider;
        ProviderMessageId = providerMessageId;
        Keyword = keyword;
    }

    public Guid Id { get; private set; }

    public AccountId AccountId { get; private set; }

    public CustomerId CustomerId { get; private set; }

    public CreditorId CreditorId { get; private set; }

    public ContactDirection Direction { get; private set; }

    public ContactChannel Channel { get; private set; }

    public Instant At { get; private set; }

    public string Text { get; private set; }

    public string? Provider { get; private set; }

    /// <summary>The provider's id for the message, suffixed per account when one message reaches several accounts.</summary>
    public string? ProviderMessageId { get; private set; }

    /// <summary>The keyword the message was read as (<c>stop</c>, <c>help</c>, <c>start</c>), or null for a message a person reads.</summary>
    public string? Keyword { get; private set; }
}
