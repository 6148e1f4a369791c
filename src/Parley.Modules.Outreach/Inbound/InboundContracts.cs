using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Contracts;

/// <summary>
/// A customer wrote to us: by text (a provider's inbound webhook, or a reply in the development outbox) or by e-mail.
/// <paramref name="From"/> is their number or address, <paramref name="ProviderMessageId"/> the provider's id for the
/// message (the same id again stores nothing twice). Texts are read for the STOP/HELP/START keywords first.
/// </summary>
public sealed record ReceiveInboundMessageRequest(ContactChannel Channel, string From, string Text, string Provider, string ProviderMessageId, Instant? At = null);

/// <summary>What became of an inbound message.</summary>
public enum InboundHandling
{
    /// <summary>Stored on the sender's account(s) and raised for the Care module.</summary>
    Stored,

    /// <summary>STOP (or a synonym): texts stopped at once, one confirmation sent.</summary>
    OptedOut,

    /// <summary>START / UNSTOP: texts allowed again.</summary>
    OptedIn,

    /// <summary>HELP / AYUDA: the help text sent.</summary>
    Help,

    /// <summary>The provider sent the same message again; nothing changed.</summary>
    Duplicate,

    /// <summary>No account we wrote to from this address (the answer does not say more).</summary>
    UnknownSender,
}

public sealed record InboundResult(InboundHandling Handling, int Accounts);

public sealed record GetAccountMessagesRequest(AccountId Account);

/// <summary>A message on the account, either way; <paramref name="Keyword"/> when it was read as STOP, HELP or START.</summary>
public sealed record AccountMessageView(Guid Id, ContactDirection Direction, ContactChannel Channel, Instant At, string Text, string? Keyword);

public sealed record AccountMessagesView(AccountId AccountId, IReadOnlyList<AccountMessageView> Messages);

/// <summary>One pass over the inbound mailbox (<c>Outreach:Email:Imap</c>); only Parley itself polls it.</summary>
public sealed record PollMailboxRequest;

/// <summary>
/// What one poll did: messages read, stored on accounts, bounces and unsubscribes taken, messages already stored
/// (a re-poll after a crash), unknown senders and unreadable messages left flagged in the mailbox, failures to try
/// again next poll, and messages given up on after their tries. <paramref name="Configured"/> is false (and all zero)
/// when no mailbox is configured.
/// </summary>
public sealed record MailboxPollSummary(
    bool Configured, int Read, int Stored, int Bounces, int Unsubscribes, int Duplicates, int UnknownSenders, int Unreadable, int Failed, int GivenUp)
{
    public static MailboxPollSummary NotConfigured { get; } = new(false, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
