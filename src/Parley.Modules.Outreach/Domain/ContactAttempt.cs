using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Domain;

/// <summary>
/// One contact with a customer about an account: made by staff or Parley, or started by the customer. Never changed
/// once recorded; what became of it is appended as <see cref="ContactAttemptOutcome"/>s.
/// </summary>
public sealed class ContactAttempt
{
    private readonly List<ContactAttemptOutcome> _outcomes = [];

    private ContactAttempt()
    {
        Address = "";
        IdempotencyKey = "";
        RecordedBy = "";
    }

    public ContactAttempt(AccountId accountId, CustomerId customerId, CreditorId creditorId, ContactChannel channel, ContactDirection direction, string address, Instant at, string idempotencyKey, string recordedBy)
    {
        Id = ContactAttemptId.New();
        AccountId = accountId;
        CustomerId = customerId;
        CreditorId = creditorId;
        Channel = channel;
        Direction = direction;
        Address = address;
        At = at;
        IdempotencyKey = idempotencyKey;
        RecordedBy = recordedBy;
    }

    public ContactAttemptId Id { get; private set; }

    public AccountId AccountId { get; private set; }

    /// <summary>Kept on the row so "every contact with this person since T" is one index range, across their accounts.</summary>
    public CustomerId CustomerId { get; private set; }

    public CreditorId CreditorId { get; private set; }

    public ContactChannel Channel { get; private set; }

    public ContactDirection Direction { get; private set; }

    /// <summary>The number, e-mail or postal address used, in full (encrypted at rest; masked in every view).</summary>
    public string Address { get; private set; }

    public Instant At { get; private set; }

    public string IdempotencyKey { get; private set; }

    public string RecordedBy { get; private set; }

    public string? Template { get; init; }

    public int? TemplateVersion { get; init; }

    public string? Tone { get; init; }

    public long? ComplianceDecision { get; init; }

    public string? Note { get; init; }

    /// <summary>The latest outcome, kept on the row so lists and the gate need not read the outcomes.</summary>
    public ContactOutcome? LatestOutcome { get; private set; }

    /// <summary>What the attempt came to for the gate's counts, folded over every outcome so far.</summary>
    public PastContactResult Result { get; private set; }

    public IReadOnlyList<ContactAttemptOutcome> Outcomes => _outcomes;

    public ContactAttemptOutcome AddOutcome(ContactOutcome outcome, Instant at, string recordedBy, string? note)
    {
        var added = new ContactAttemptOutcome(Id, outcome, at, recordedBy, note);
        _outcomes.Add(added);
        LatestOutcome = outcome;
        Result = Fold(Result, outcome);
        return added;
    }

    /// <summary>Whether <paramref name="outcome"/> can happen to a contact on <paramref name="channel"/>.</summary>
    public static bool Fits(ContactChannel channel, ContactOutcome outcome) => ContactOutcomes.Fit(channel, outcome);

    // A conversation, once had, stays had: a later "promise" or "no answer on the callback" does not undo it.
    private static PastContactResult Fold(PastContactResult current, ContactOutcome outcome) => current == PastContactResult.Conversation
        ? current
        : outcome switch
        {
            ContactOutcome.Queued or ContactOutcome.Sent => current == PastContactResult.Attempted ? PastContactResult.Attempted : current,
            ContactOutcome.Delivered or ContactOutcome.Opened or ContactOutcome.Clicked or ContactOutcome.Replied => PastContactResult.Delivered,
            ContactOutcome.Bounced or ContactOutcome.Failed => PastContactResult.Failed,
            ContactOutcome.NotConnected => PastContactResult.NotConnected,
            ContactOutcome.NoAnswer => PastContactResult.NoAnswer,
            ContactOutcome.Voicemail => PastContactResult.Voicemail,
            ContactOutcome.WrongNumber => PastContactResult.WrongParty,
            ContactOutcome.RightPartyContact or ContactOutcome.Promise or ContactOutcome.Refusal or ContactOutcome.Dispute
                or ContactOutcome.AskedForNoContact => PastContactResult.Conversation,
        };
}

/// <summary>One thing learnt about an attempt, with when it happened and who (or which system) said so.</summary>
public sealed class ContactAttemptOutcome
{
    private ContactAttemptOutcome()
    {
        RecordedBy = "";
    }

    public ContactAttemptOutcome(ContactAttemptId attemptId, ContactOutcome outcome, Instant at, string recordedBy, string? note)
    {
        Id = NewId.Next();
        AttemptId = attemptId;
        Outcome = outcome;
        At = at;
        RecordedBy = recordedBy;
        Note = note;
    }

    public Guid Id { get; private set; }

    public ContactAttemptId AttemptId { get; private set; }

    public ContactOutcome Outcome { get; private set; }

    public Instant At { get; private set; }

    public string RecordedBy { get; private set; }

    public string? Note { get; private set; }
}
