using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Contracts;

/// <summary>Whether the customer agreed to, refused, or said nothing about a channel.</summary>
public enum ChannelConsent
{
    NotStated,
    OptedIn,
    OptedOut,
}

/// <summary>How the customer's word reached Parley.</summary>
public enum ConsentSource
{
    Spoken,
    InWriting,
    Electronic,
    ReplyStop,
    Creditor,
    PlacementFile,
}

/// <summary>
/// The customer's word on one channel: opted in (E-SIGN / TCPA consent) or out (Reg F §1006.14(h), §1006.6(e); UK GDPR
/// Art. 21 / PECR), how and when, and the evidence (what they said or signed, where it is kept).
/// </summary>
public sealed record ChannelPreference(ContactChannel Channel, ChannelConsent Consent, ConsentSource Source, string Evidence, Instant? At = null);

/// <summary>A time the customer named as inconvenient in their own time (no days: every day), e.g. 12:00–13:00 "lunch at work".</summary>
public sealed record InconvenientTimeWindow(LocalTime From, LocalTime To, IReadOnlyList<IsoDayOfWeek> Days, string? Note = null);

/// <summary>
/// A customer's contact preferences: per channel consent, the days and hours they may be contacted in their own time
/// zone (none: the law's hours), the channel and language they prefer, a pause they asked for ("no contact for 30
/// days") and the times they named as inconvenient. They hold for all the customer's accounts with the creditor.
/// </summary>
public sealed record ContactPreferences(
    IReadOnlyList<ChannelPreference> Channels,
    IReadOnlyList<IsoDayOfWeek> AllowedDays,
    LocalTime? AllowedFrom,
    LocalTime? AllowedTo,
    ContactChannel? PreferredChannel,
    string? PreferredLanguage,
    Instant? PausedUntil,
    IReadOnlyList<InconvenientTimeWindow> InconvenientTimes)
{
    public static ContactPreferences None { get; } = new([], [], null, null, null, null, null, []);
}

/// <summary>Replaces the preferences of the account's customer, with why (kept with who and when in their history).</summary>
public sealed record ChangeContactPreferencesRequest(AccountId Account, ContactPreferences Preferences, string Reason);

public sealed record GetContactPreferencesRequest(AccountId Account);

/// <summary>One change: when, by whom, why, and what changed in words.</summary>
public sealed record PreferenceChangeView(Instant At, string ChangedBy, string Reason, IReadOnlyList<string> Changes);

/// <summary>The current preferences of the account's customer and every change to them, newest first.</summary>
public sealed record ContactPreferencesView(AccountId AccountId, ContactPreferences Preferences, IReadOnlyList<PreferenceChangeView> History);
