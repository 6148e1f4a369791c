using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Contracts;

/// <summary>The channel of a contact a lender made before placing the debt (the placement file's words: <c>call</c>, <c>sms</c>, <c>email</c>, <c>letter</c>).</summary>
public enum PlacedContactChannel
{
    Call,
    Sms,
    Email,
    Letter,
}

/// <summary>What a lender's contact came to, in the placement file's words (<c>no_answer</c>, <c>right_party_contact</c>, …).</summary>
public enum PlacedContactOutcome
{
    Sent,
    Delivered,
    Bounced,
    Failed,
    Opened,
    Clicked,
    Replied,
    NotConnected,
    NoAnswer,
    Voicemail,
    WrongNumber,
    RightPartyContact,
    Promise,
    Refusal,
    Dispute,
    AskedForNoContact,
}

/// <summary>
/// One contact from a placement file's history, for the contact history (the gate's frequency rules count it).
/// <paramref name="Key"/> names it on its account (<c>placement:&lt;channel&gt;:&lt;instant&gt;</c>), so importing it again
/// records nothing twice.
/// </summary>
public sealed record PlacedContact(
    AccountId Account, CustomerId Customer, CreditorId Creditor, Instant At, PlacedContactChannel Channel, PlacedContactOutcome? Outcome, string Key, string RecordedBy);

/// <summary>
/// Where the placement import hands the contacts it read: the contact history, implemented by the module that keeps it.
/// Runs inside the import's batch transaction, set-based; a contact whose key the account already has is skipped.
/// </summary>
public interface IPlacedContactHistory
{
    Task RecordAsync(IReadOnlyList<PlacedContact> contacts, CancellationToken cancellationToken);
}
