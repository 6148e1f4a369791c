using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Channels;

/// <summary>
/// A message a provider (or the mail server) accepted: its id there beside the send's idempotency key, so a delivery
/// report or a bounce that names either finds the account and the contact attempt it is about.
/// </summary>
public sealed class ProviderSend
{
    private ProviderSend() => (Provider, ProviderMessageId, IdempotencyKey) = ("", "", "");

    public ProviderSend(string provider, string providerMessageId, string idempotencyKey, AccountId account, ContactChannel channel, Instant at)
    {
        Id = NewId.Next();
        Provider = provider;
        ProviderMessageId = providerMessageId;
        IdempotencyKey = idempotencyKey;
        AccountId = account;
        Channel = channel;
        At = at;
    }

    public Guid Id { get; private set; }

    public string Provider { get; private set; }

    public string ProviderMessageId { get; private set; }

    public string IdempotencyKey { get; private set; }

    public AccountId AccountId { get; private set; }

    public ContactChannel Channel { get; private set; }

    public Instant At { get; private set; }
}
