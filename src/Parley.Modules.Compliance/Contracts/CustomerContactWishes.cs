using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Compliance.Contracts;

/// <summary>The customer said not to use this channel, when, and how it was recorded (e.g. "customer, in writing: letter of 3 Nov").</summary>
public sealed record ChannelOptOut(ContactChannel Channel, Instant At, string Evidence);

/// <summary>A time the customer named as inconvenient, in their own local time (<see cref="Days"/> empty: every day).</summary>
public sealed record NamedInconvenientTime(LocalTime From, LocalTime To, IReadOnlyList<IsoDayOfWeek> Days, Instant RecordedAt, string Why);

/// <summary>
/// A creditor's own ceiling on outbound contacts with one customer per channel in any 7 days, below the legal caps
/// (null on a channel: no ceiling of its own, only the law's).
/// </summary>
public sealed record ContactBudget(int? CallsPer7Days, int? TextsPer7Days, int? EmailsPer7Days, int? LettersPer7Days)
{
    public int? For(ContactChannel channel) => channel switch
    {
        ContactChannel.Call => CallsPer7Days,
        ContactChannel.Sms => TextsPer7Days,
        ContactChannel.Email => EmailsPer7Days,
        ContactChannel.Letter => LettersPer7Days,
    };
}

/// <summary>
/// What the customer asked of contact, as the gate needs it: the channels they opted out of, the times they named as
/// inconvenient (their allowed days and hours included, as the times outside them), a pause they asked for, and the
/// addresses that bounced; and the creditor's contact budget, which the same port reads because it, too, narrows what
/// the law allows.
/// </summary>
public sealed record CustomerContactWishes(
    IReadOnlyList<ChannelOptOut> OptOuts,
    IReadOnlyList<NamedInconvenientTime> InconvenientTimes,
    Instant? PausedUntil,
    IReadOnlyList<UndeliverableAddress>? UndeliverableAddresses = null,
    ContactBudget? CreditorBudget = null);

/// <summary>An address that cannot be delivered to (a hard bounce): the gate passes over it to the customer's next address, if any.</summary>
public sealed record UndeliverableAddress(ContactChannel Channel, string Address, Instant At, string Reason);

/// <summary>
/// The port through which the gate reads a customer's contact preferences (implemented by the Outreach module, which
/// records them). Preferences beat strategy: the gate refuses what they rule out.
/// </summary>
public interface ICustomerContactPreferences
{
    /// <summary>The wishes of the customer of <paramref name="account"/> (and their creditor's budget), or null when there is no such account or neither is recorded.</summary>
    Task<CustomerContactWishes?> GetAsync(AccountId account, CancellationToken cancellationToken);
}
