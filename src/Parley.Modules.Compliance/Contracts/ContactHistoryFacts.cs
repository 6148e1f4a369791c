using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Compliance.Contracts;

/// <summary>What a past contact came to, in the terms the frequency and conduct rules count.</summary>
public enum PastContactResult
{
    /// <summary>Made (sent, dialled) with no outcome that says more yet.</summary>
    Attempted,

    /// <summary>A call that never connected to the dialled number (busy, network, intercept): Reg F does not count it.</summary>
    NotConnected,

    NoAnswer,

    /// <summary>A voicemail or limited-content message was left.</summary>
    Voicemail,

    /// <summary>A call that reached someone other than the customer (wrong number, wrong party): counted, no conversation.</summary>
    WrongParty,

    /// <summary>A telephone conversation with the customer (right-party contact, whatever was said).</summary>
    Conversation,

    /// <summary>A message reported delivered (or opened, clicked, replied to).</summary>
    Delivered,

    /// <summary>A message that bounced or failed.</summary>
    Failed,
}

/// <summary>
/// One recorded contact with an account's customer: the account (debt) it was about, the channel, whether the customer
/// made it, when, what it came to, and the address it used (unmasked: the gate compares endpoints).
/// </summary>
public sealed record PastContact(AccountId Account, ContactChannel Channel, bool Inbound, Instant At, PastContactResult Result, string? Address);

/// <summary>The customer's recorded contacts in [<see cref="From"/>, <see cref="To"/>), oldest first, across all their accounts with the creditor.</summary>
public sealed record ContactHistoryFacts(Instant From, Instant To, IReadOnlyList<PastContact> Contacts);

/// <summary>
/// The port through which the gate reads contact history (implemented by the Outreach module, which records it):
/// what the gate needs to know about past and already-scheduled contacts with an account's customer in a window.
/// </summary>
public interface IContactHistoryFacts
{
    /// <summary>The contacts with the customer of <paramref name="account"/> in [from, to); null when there is no such account.</summary>
    Task<ContactHistoryFacts?> GetAsync(AccountId account, Instant from, Instant to, CancellationToken cancellationToken);

    /// <summary>The same for many accounts in one query (a planner's list); accounts that do not exist are left out.</summary>
    Task<IReadOnlyDictionary<AccountId, ContactHistoryFacts>> GetManyAsync(IReadOnlyCollection<AccountId> accounts, Instant from, Instant to, CancellationToken cancellationToken);
}
