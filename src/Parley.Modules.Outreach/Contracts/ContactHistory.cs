using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Contracts;

/// <summary>One recorded contact attempt.</summary>
public readonly record struct ContactAttemptId(Guid Value) : IStronglyTypedId<ContactAttemptId>
{
    public static ContactAttemptId New() => new(NewId.Next());
    public static ContactAttemptId From(Guid value) => new(value);
    public static bool TryParse(string? s, IFormatProvider? provider, out ContactAttemptId result) => ParseId.Try(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>Who started the contact: Parley or staff (outbound), or the customer (inbound).</summary>
public enum ContactDirection
{
    Outbound,
    Inbound,
}

/// <summary>
/// What became of an attempt, as it is learnt. Messages (text, e-mail, letter): queued → sent → delivered, bounced or
/// failed, then opened, clicked, replied. Calls: not connected, no answer, voicemail, wrong number, or right-party
/// contact and what the customer said (a promise, a refusal, a dispute, a request for no contact).
/// </summary>
public enum ContactOutcome
{
    Queued,
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

/// <summary>Which outcomes belong to which channel: a call is answered or not, a message is delivered or bounces.</summary>
public static class ContactOutcomes
{
    public static bool Fit(ContactChannel channel, ContactOutcome outcome) => channel switch
    {
        ContactChannel.Call => outcome is ContactOutcome.NotConnected or ContactOutcome.NoAnswer or ContactOutcome.Voicemail or ContactOutcome.WrongNumber
            or ContactOutcome.RightPartyContact or ContactOutcome.Promise or ContactOutcome.Refusal or ContactOutcome.Dispute or ContactOutcome.AskedForNoContact,
        ContactChannel.Sms or ContactChannel.Email => outcome is ContactOutcome.Queued or ContactOutcome.Sent or ContactOutcome.Delivered or ContactOutcome.Bounced
            or ContactOutcome.Failed or ContactOutcome.Opened or ContactOutcome.Clicked or ContactOutcome.Replied,
        ContactChannel.Letter => outcome is ContactOutcome.Queued or ContactOutcome.Sent or ContactOutcome.Delivered or ContactOutcome.Bounced
            or ContactOutcome.Failed or ContactOutcome.Replied,
    };
}

/// <summary>
/// Records a contact with an account's customer: staff logging a call or letter by hand, or Parley recording a send.
/// <paramref name="IdempotencyKey"/> names the attempt (a dialler call id, a send id, an import row): recording the same
/// key on the account again returns the first record instead of a second one. <paramref name="At"/> defaults to now
/// and may not be in the future; <paramref name="Outcome"/> is the first outcome, if already known.
/// <paramref name="ComplianceDecision"/> is the decision-log sequence of the gate's check that allowed it.
/// </summary>
public sealed record RecordContactAttemptRequest(
    AccountId Account,
    ContactChannel Channel,
    string Address,
    string IdempotencyKey,
    ContactDirection Direction = ContactDirection.Outbound,
    Instant? At = null,
    ContactOutcome? Outcome = null,
    string? Template = null,
    int? TemplateVersion = null,
    string? Tone = null,
    long? ComplianceDecision = null,
    string? Note = null);

/// <summary>Appends an outcome to an attempt (at <paramref name="At"/>, default now); outcomes are never changed or removed.</summary>
public sealed record RecordContactOutcomeRequest(AccountId Account, ContactAttemptId Attempt, ContactOutcome Outcome, Instant? At = null, string? Note = null);

/// <summary>An account's contact history, newest first.</summary>
public sealed record GetContactHistoryRequest(AccountId Account);

public sealed record ContactOutcomeView(ContactOutcome Outcome, Instant At, string RecordedBy, string? Note);

/// <summary>An attempt as staff see it: the address masked (<c>j***@example.com</c>, <c>+1 *** *** 0142</c>), its outcomes oldest first.</summary>
public sealed record ContactAttemptView(
    ContactAttemptId Id,
    AccountId AccountId,
    ContactChannel Channel,
    ContactDirection Direction,
    string Address,
    Instant At,
    string? Template,
    int? TemplateVersion,
    string? Tone,
    string RecordedBy,
    long? ComplianceDecision,
    string? Note,
    ContactOutcome? LatestOutcome,
    IReadOnlyList<ContactOutcomeView> Outcomes);

public sealed record ContactHistoryView(AccountId AccountId, IReadOnlyList<ContactAttemptView> Attempts);
