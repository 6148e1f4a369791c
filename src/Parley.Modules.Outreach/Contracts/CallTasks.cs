using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Contracts;

/// <summary>One call an agent (or a dialler) is asked to make.</summary>
public readonly record struct CallTaskId(Guid Value) : IStronglyTypedId<CallTaskId>
{
    public static CallTaskId New() => new(NewId.Next());
    public static CallTaskId From(Guid value) => new(value);
    public static bool TryParse(string? s, IFormatProvider? provider, out CallTaskId result) => ParseId.Try(s, out result);
    public override string ToString() => Value.ToString();
}

public enum CallTaskStatus
{
    Open,
    Done,
    Cancelled,
}

/// <summary>The open call tasks an agent may work (their creditors'), earliest window first; <paramref name="Status"/> null: open ones.</summary>
public sealed record ListCallTasksRequest(CallTaskStatus? Status = null, int Limit = 200);

/// <summary>
/// A call to make: the account, why, and the lawful window in the customer's own time (from/to, UTC and local), with
/// whoever it is assigned to and, once done, the outcome.
/// </summary>
public sealed record CallTaskView(
    CallTaskId Id,
    AccountId AccountId,
    string Reason,
    Instant WindowFrom,
    Instant WindowTo,
    string TimeZone,
    LocalDateTime WindowFromLocal,
    LocalDateTime WindowToLocal,
    CallTaskStatus Status,
    string? AssignedTo,
    ContactOutcome? Outcome,
    ContactAttemptId? Attempt,
    Instant CreatedAt);

/// <summary>
/// The call was made: the number dialled, what came of it (no answer, voicemail, right-party contact, a promise, …),
/// and the dialler's or agent's call id as the idempotency key (the same key records it once).
/// </summary>
public sealed record CompleteCallTaskRequest(CallTaskId Task, string Number, ContactOutcome Outcome, string IdempotencyKey, Instant? At = null, string? Note = null);
