using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Planning;

/// <summary>
/// One contact the daily plan made (table <c>outreach_planned_contacts</c>): the ladder's step, channel, purpose, tone,
/// language and hour, why each was chosen, the gate's decision at planning, and what the sender made of it. Its
/// idempotency key (<c>plan:{account}:{day}:{step}</c>) is unique, so a day planned twice plans nothing new.
/// </summary>
public sealed class PlannedContact
{
    private PlannedContact()
    {
        IdempotencyKey = "";
        Language = "";
        TimeZone = "";
        Reasons = [];
        RuleIds = [];
    }

    public PlannedContact(string idempotencyKey, AccountId accountId, CreditorId creditorId, CustomerId customerId, OutreachStep step, int rung, ContactChannel channel,
        MessageTone tone, string language, Instant scheduledAt, string timeZone, List<string> reasons, Instant plannedAt)
    {
        Id = PlannedContactId.New();
        IdempotencyKey = idempotencyKey;
        AccountId = accountId;
        CreditorId = creditorId;
        CustomerId = customerId;
        Step = step;
        Rung = rung;
        Channel = channel;
        Purpose = PurposeOf(step);
        Tone = tone;
        Language = language;
        ScheduledAt = scheduledAt;
        NextAttemptAt = scheduledAt;
        TimeZone = timeZone;
        Reasons = reasons;
        RuleIds = [];
        PlannedAt = plannedAt;
        PlanDay = plannedAt.InUtc().Date;
        Status = PlannedContactStatus.Planned;
    }

    public PlannedContactId Id { get; private set; }

    public string IdempotencyKey { get; private set; }

    public AccountId AccountId { get; private set; }

    public CreditorId CreditorId { get; private set; }

    public CustomerId CustomerId { get; private set; }

    public OutreachStep Step { get; private set; }

    /// <summary>The ladder position (0 the validation notice, then 1, 2, …): the next plan starts from the highest one sent.</summary>
    public int Rung { get; private set; }

    public ContactChannel Channel { get; private set; }

    /// <summary>What the message is for; null for a call (a call task, no template).</summary>
    public MessagePurpose? Purpose { get; private set; }

    public MessageTone Tone { get; private set; }

    public string Language { get; private set; }

    /// <summary>When it is to leave (UTC); a re-plan moves it to the next lawful instant.</summary>
    public Instant ScheduledAt { get; private set; }

    /// <summary>The customer's IANA zone the hour was chosen in.</summary>
    public string TimeZone { get; private set; }

    /// <summary>Why this step, this channel and this hour, in words.</summary>
    public List<string> Reasons { get; private set; }

    /// <summary>The decision-log sequence of the gate's last decision on it (planning, then the send-time check).</summary>
    public long? ComplianceDecision { get; set; }

    /// <summary>The rules that blocked or cancelled it, when a rule did.</summary>
    public List<string> RuleIds { get; private set; }

    public PlannedContactStatus Status { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>When the sender may next take it (its scheduled time, or a retry's).</summary>
    public Instant? NextAttemptAt { get; private set; }

    public string? LastError { get; private set; }

    public string? CancelReason { get; private set; }

    public Instant PlannedAt { get; private set; }

    /// <summary>The UTC day of the plan it belongs to.</summary>
    public LocalDate PlanDay { get; private set; }

    public Instant? SentAt { get; private set; }

    public string? ProviderMessageId { get; private set; }

    /// <summary>The sending pass that holds it, until <see cref="ClaimedUntil"/>; a crashed pass's claim runs out and another takes it.</summary>
    public Guid? ClaimId { get; private set; }

    public Instant? ClaimedUntil { get; private set; }

    /// <summary>The gate's next lawful instant when it blocked or cancelled the contact and gave one (the account page shows it).</summary>
    public Instant? NextLawfulAt { get; private set; }

    /// <summary>When the send-time check cancelled it; null for a contact blocked when it was planned (the Ops page counts them apart).</summary>
    public Instant? CancelledAt { get; private set; }

    /// <summary>When Parley gave up on sending it (the Ops page lists dead letters newest first by this); null otherwise.</summary>
    public Instant? DeadLetteredAt { get; private set; }

    public static MessagePurpose? PurposeOf(OutreachStep step) => step switch
    {
        OutreachStep.ValidationNotice => MessagePurpose.ValidationNotice,
        OutreachStep.Reminder => MessagePurpose.Reminder,
        OutreachStep.Offer => MessagePurpose.Offer,
        OutreachStep.CheckIn => MessagePurpose.CheckIn,
        OutreachStep.Call => null,
    };

    /// <summary>The template it renders: purpose/channel/language/tone, e.g. <c>reminder/email/en/supportive</c>; none for a call.</summary>
    public string? Template => Purpose is { } p ? TemplateName(new TemplateKey(p, Channel, Language, Tone)) : null;

    public static string TemplateName(TemplateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return $"{Snake(key.Purpose.ToString())}/{key.Channel.Name()}/{key.Language}/{key.Tone.ToString().ToLowerInvariant()}";
    }

    /// <summary>Refused by the gate when it was planned: kept (cancelled) with the rule, so the plan shows what was blocked and the day is not planned again.</summary>
    public void BlockedAtPlanning(string reason, IReadOnlyList<string> ruleIds, long? decision, Instant? nextLawfulAt = null)
    {
        Status = PlannedContactStatus.Cancelled;
        CancelReason = reason;
        RuleIds = [.. ruleIds];
        ComplianceDecision = decision;
        NextAttemptAt = null;
        NextLawfulAt = nextLawfulAt;
    }

    public void Cancel(string reason, IReadOnlyList<string> ruleIds, long? decision, Instant at, Instant? nextLawfulAt = null)
    {
        Status = PlannedContactStatus.Cancelled;
        CancelReason = reason;
        RuleIds = [.. ruleIds];
        ComplianceDecision = decision ?? ComplianceDecision;
        NextAttemptAt = null;
        NextLawfulAt = nextLawfulAt;
        CancelledAt = at;
        Release();
    }

    /// <summary>Moved to the next lawful instant (outside the customer's window now, or overdue after a stop): planned again, never sent late.</summary>
    public void Replan(Instant next, string why)
    {
        Status = PlannedContactStatus.Planned;
        ScheduledAt = next;
        NextAttemptAt = next;
        Reasons = [.. Reasons, why];
        Release();
    }

    public void Sent(Instant at, string? providerMessageId, long? decision)
    {
        Status = PlannedContactStatus.Sent;
        SentAt = at;
        ProviderMessageId = providerMessageId;
        ComplianceDecision = decision ?? ComplianceDecision;
        LastError = null;
        NextAttemptAt = null;
        Release();
    }

    /// <summary>A channel said "try later" at <paramref name="at"/>: back in the plan after the backoff, or a dead letter after the last try.</summary>
    public void Failed(string error, Instant at, Instant? retryAt)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        if (retryAt is { } retry)
        {
            Status = PlannedContactStatus.Planned;
            NextAttemptAt = retry;
        }
        else
        {
            Status = PlannedContactStatus.DeadLetter;
            NextAttemptAt = null;
            DeadLetteredAt = at;
        }

        Release();
    }

    /// <summary>Given up on at <paramref name="at"/>: left for a person on the Ops page's "Messages not sent".</summary>
    public void DeadLetter(string error, Instant at)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        Status = PlannedContactStatus.DeadLetter;
        NextAttemptAt = null;
        DeadLetteredAt = at;
        Release();
    }

    /// <summary>An operator's retry of a dead letter: due now, its tries counted afresh.</summary>
    public void Retry(Instant now)
    {
        Status = PlannedContactStatus.Planned;
        Attempts = 0;
        NextAttemptAt = now;
        LastError = null;
        DeadLetteredAt = null;
        Release();
    }

    /// <summary>
    /// A supervisor's retry of a dead letter, with who and why kept among its reasons: due now, its tries counted afresh.
    /// The last error stays until it is sent, so the sender decides afresh (the gate at the send instant, the lawful
    /// window) rather than finishing an interrupted hand-over.
    /// </summary>
    public void RetryDeadLetter(Instant now, string by, string why)
    {
        var error = LastError;
        Retry(now);
        LastError = error;
        Reasons = [.. Reasons, $"retried by {by} at {now.InUtc().LocalDateTime:uuuu-MM-dd HH:mm} UTC: {why}"];
    }

    private void Release()
    {
        ClaimId = null;
        ClaimedUntil = null;
    }

    private static string Snake(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
