using Parley.Modules.Compliance.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Channels;

/// <summary>
/// A rendered message on its way out: <paramref name="IdempotencyKey"/> names the send (the same key is never delivered
/// twice: it becomes the e-mail's Message-ID and the SMS provider's client reference), <paramref name="To"/> the full
/// address (an e-mail address, an E.164 number, or a postal address for letters).
/// </summary>
public sealed record OutgoingMessage(string IdempotencyKey, AccountId Account, ContactChannel Channel, string To, string? Subject, string Text, string? Html, string Language);

/// <summary>What a channel said: accepted (with the provider's id), or refused; a retryable refusal (5xx, timeout, server down) is tried again later with backoff.</summary>
public sealed record SendOutcome(bool Accepted, string? ProviderMessageId, bool Retryable, string? Error)
{
    public static SendOutcome Sent(string? providerMessageId) => new(true, providerMessageId, false, null);

    public static SendOutcome TryLater(string error) => new(false, null, true, error);

    public static SendOutcome Refused(string error) => new(false, null, false, error);
}

/// <summary>
/// One way out: e-mail over SMTP, SMS through a provider, letters into a print batch, or (on the embedded default) the
/// development outbox. Exactly one sender is registered per channel.
/// </summary>
public interface IChannelSender
{
    ContactChannel Channel { get; }

    Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// A channel that hands a batch over at once (e-mail over pooled SMTP connections, several in parallel), with what it
/// remembers per message (address links, provider ids) written once for the batch. <c>mayStart</c> is asked before
/// each message leaves: once it says no (the sender's lease ran out) no further message starts, and those get no outcome (null).
/// </summary>
public interface IBatchChannelSender : IChannelSender
{
    Task<IReadOnlyList<SendOutcome?>> SendManyAsync(IReadOnlyList<OutgoingMessage> messages, Func<bool> mayStart, CancellationToken cancellationToken);
}
