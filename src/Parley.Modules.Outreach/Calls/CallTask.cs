using NodaTime;
using Parley.Modules.Outreach.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Calls;

/// <summary>
/// A call the ladder asks an agent to make (table <c>outreach_call_tasks</c>), inside the lawful window the gate
/// allowed in the customer's zone; done when the call is recorded through the contact history.
/// </summary>
public sealed class CallTask
{
    private CallTask()
    {
        Reason = "";
        TimeZone = "";
    }

    public CallTask(PlannedContactId plannedContact, AccountId accountId, CreditorId creditorId, string reason, Instant windowFrom, Instant windowTo, string timeZone, long? complianceDecision, Instant createdAt)
    {
        Id = CallTaskId.New();
        PlannedContact = plannedContact;
        AccountId = accountId;
        CreditorId = creditorId;
        Reason = reason;
        WindowFrom = windowFrom;
        WindowTo = windowTo;
        TimeZone = timeZone;
        ComplianceDecision = complianceDecision;
        CreatedAt = createdAt;
        Status = CallTaskStatus.Open;
    }

    public CallTaskId Id { get; private set; }

    public PlannedContactId PlannedContact { get; private set; }

    public AccountId AccountId { get; private set; }

    public CreditorId CreditorId { get; private set; }

    public string Reason { get; private set; }

    public Instant WindowFrom { get; private set; }

    public Instant WindowTo { get; private set; }

    public string TimeZone { get; private set; }

    public long? ComplianceDecision { get; private set; }

    public CallTaskStatus Status { get; private set; }

    public string? AssignedTo { get; set; }

    public Instant CreatedAt { get; private set; }

    public Instant? CompletedAt { get; private set; }

    public string? CompletedBy { get; private set; }

    public ContactOutcome? Outcome { get; private set; }

    public ContactAttemptId? Attempt { get; private set; }

    public void Complete(ContactAttemptId attempt, ContactOutcome outcome, string by, Instant at)
    {
        Status = CallTaskStatus.Done;
        Attempt = attempt;
        Outcome = outcome;
        CompletedBy = by;
        CompletedAt = at;
    }
}
