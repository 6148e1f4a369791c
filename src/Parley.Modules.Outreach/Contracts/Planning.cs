using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Contracts;

/// <summary>One planned contact (a row of the daily plan).</summary>
public readonly record struct PlannedContactId(Guid Value) : IStronglyTypedId<PlannedContactId>
{
    public static PlannedContactId New() => new(NewId.Next());
    public static PlannedContactId From(Guid value) => new(value);
    public static bool TryParse(string? s, IFormatProvider? provider, out PlannedContactId result) => ParseId.Try(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>A step of the contact ladder: the validation notice first, then reminder, offer, check-in and a call, repeating.</summary>
public enum OutreachStep
{
    ValidationNotice,
    Reminder,
    Offer,
    CheckIn,
    Call,
}

/// <summary>
/// Where a planned contact is: planned (waiting for its time, or for a retry), being sent, sent (or handed to an agent
/// as a call task), cancelled (with the reason: a rule, a payment, a hold, an opt-out), or a dead letter (a channel
/// refused it for good, or too many tries).
/// </summary>
public enum PlannedContactStatus
{
    Planned,
    Sending,
    Sent,
    Cancelled,
    DeadLetter,
}

/// <summary>Plans the day that contains <paramref name="AsOf"/> (null: now), in UTC: a day planned twice plans nothing new.</summary>
public sealed record PlanOutreachRequest(Instant? AsOf = null);

/// <summary>
/// What a planning run did: the accounts it read, the contacts it planned, those already planned today, accounts whose
/// next step is not due yet, those the gate refused on every channel (blocked, kept with the rule), and those left
/// alone (on hold or paused by the customer).
/// </summary>
public sealed record OutreachPlanSummary(LocalDate Day, int AccountsRead, int Planned, int AlreadyPlanned, int NotDue, int Blocked, int LeftAlone);

/// <summary>
/// The contacts planned on <paramref name="Day"/> (UTC) whatever became of them (or only those with <paramref name="Status"/>),
/// a page at a time (<paramref name="Skip"/>, <paramref name="Limit"/> up to 10,000); staff see their creditors' only.
/// </summary>
public sealed record ListPlannedContactsRequest(LocalDate Day, PlannedContactStatus? Status = null, int Skip = 0, int Limit = 1000);

public sealed record PlannedContactsPageInvalid(string Field, string Problem)
    : DomainError("outreach.plan_page_invalid", $"{Field}: {Problem}", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { [Field] = [Problem] };
}

/// <summary>A planned contact as the plan, the CLI and the Ops page show it.</summary>
public sealed record PlannedContactView(
    PlannedContactId Id,
    AccountId AccountId,
    OutreachStep Step,
    ContactChannel Channel,
    MessagePurpose? Purpose,
    MessageTone Tone,
    string Language,
    Instant ScheduledAt,
    string TimeZone,
    LocalDateTime ScheduledAtLocal,
    string? Template,
    IReadOnlyList<string> Reasons,
    long? ComplianceDecision,
    PlannedContactStatus Status,
    int Attempts,
    Instant? NextAttemptAt,
    string? LastError,
    string? CancelReason,
    IReadOnlyList<string> RuleIds,
    Instant? NextLawfulAt = null);

/// <summary>Sends what is due now: at most <paramref name="MaxBatches"/> claimed batches (each a lease's worth).</summary>
public sealed record SendDueContactsRequest(int MaxBatches = 100);

/// <summary>
/// What a sending run did: claimed, sent, handed to agents as call tasks, re-planned into the next lawful window,
/// cancelled by the send-time check, put back for a retry, and given up on (dead letters).
/// </summary>
public sealed record SendRunSummary(int Claimed, int Sent, int CallTasks, int Replanned, int Cancelled, int Retrying, int DeadLettered);

/// <summary>Puts a dead letter back in the plan, due now (it passes the gate again before it leaves); the reason is kept with who retried it.</summary>
public sealed record RetryPlannedContactRequest(PlannedContactId Contact, string Reason);

/// <summary>A day to plan too far from now to mean anything (and past what instants can hold once the horizon is added).</summary>
public sealed record PlanningInstantOutOfRange(Instant AsOf)
    : DomainError("outreach.plan_as_of_out_of_range", $"asOf {AsOf} is more than a year from now; plan a day within a year either side.", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { ["asOf"] = [Detail] };
}

/// <summary>
/// The Ops page's outreach figures for <paramref name="Day"/> (UTC, a plan day), per channel, with the rules that blocked
/// contacts, and the dead letters of every day (newest first, at most <paramref name="DeadLetterLimit"/>); staff see their creditors' only.
/// </summary>
public sealed record GetOutreachOverviewRequest(LocalDate Day, int DeadLetterLimit = 200);

/// <summary>
/// One channel's day: still planned (waiting for their time or a retry), being sent, sent (a call: handed to an agent),
/// of those sent the ones the provider reported delivered and those it reported bounced or failed, cancelled by the
/// send-time check, blocked when planned (the gate refused every channel), and given up on (dead letters).
/// </summary>
public sealed record OutreachChannelCounts(ContactChannel Channel, int Planned, int Sending, int Sent, int Delivered, int BouncedOrFailed, int CancelledAtSend, int BlockedAtPlanning, int DeadLetters);

/// <summary>How many of the day's contacts one compliance rule blocked when they were planned and cancelled when they were to be sent.</summary>
public sealed record RuleBlockCount(string RuleId, int AtPlanning, int AtSend);

/// <summary>A contact the sender gave up on: what it was, how many tries, the last error, and when it was due.</summary>
/// <remarks><see cref="DeadLetteredAt"/> is when Parley gave up (null for one given up on before that was kept); <see cref="DueAt"/> when it was due.</remarks>
public sealed record DeadLetterView(PlannedContactId Id, AccountId AccountId, ContactChannel Channel, OutreachStep Step, int Attempts, string? LastError, Instant DueAt, LocalDate PlanDay, Instant? DeadLetteredAt);

/// <summary>The Ops page's outreach overview: per-channel counts for the day, rules that blocked contacts, and the dead letters (all days).</summary>
public sealed record OutreachOverview(
    LocalDate Day,
    IReadOnlyList<OutreachChannelCounts> Channels,
    IReadOnlyList<RuleBlockCount> BlockedByRule,
    int DeadLetterTotal,
    IReadOnlyList<DeadLetterView> DeadLetters);

public sealed record OutreachOverviewInvalid(string Field, string Problem)
    : DomainError("outreach.overview_invalid", $"{Field}: {Problem}", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { [Field] = [Problem] };
}

public sealed record PlannedContactNotFound(PlannedContactId Contact)
    : DomainError("outreach.planned_contact_not_found", $"Planned contact {Contact} does not exist.", ErrorKind.NotFound);

/// <summary>Only a dead letter is retried: a planned, sending, sent or cancelled contact is where the plan left it.</summary>
public sealed record PlannedContactNotADeadLetter(PlannedContactId Contact, PlannedContactStatus Status)
    : DomainError("outreach.planned_contact_not_a_dead_letter", $"Planned contact {Contact} is {StatusWords(Status)}, not a dead letter; only a dead letter can be retried.", ErrorKind.Conflict)
{
    private static string StatusWords(PlannedContactStatus status) => status switch
    {
        PlannedContactStatus.Planned => "planned",
        PlannedContactStatus.Sending => "being sent",
        PlannedContactStatus.Sent => "sent",
        PlannedContactStatus.Cancelled => "cancelled",
        PlannedContactStatus.DeadLetter => "a dead letter",
    };
}

public sealed record RetryReasonRequired()
    : DomainError("outreach.retry_reason_required", "A retry needs a reason (1 to 500 characters): what was put right.", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { ["reason"] = [Detail] };
}

/// <summary>An account's planned contacts, newest plan first (at most 200): what is planned, what was cancelled or blocked and why, and dead letters.</summary>
public sealed record ListAccountPlannedContactsRequest(AccountId Account);
