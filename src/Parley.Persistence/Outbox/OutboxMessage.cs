using NodaTime;
using Parley.SharedKernel;

namespace Parley.Persistence.Outbox;

/// <summary>
/// A domain event waiting to be (or already) delivered to in-process handlers. Written in the same SaveChanges as the
/// state change it announces, so the event exists exactly when the change does.
/// </summary>
public sealed class OutboxMessage
{
    public const int TypeMaxLength = 100;
    public const int IdempotencyKeyMaxLength = 200;

    private OutboxMessage()
    {
        Type = "";
        Payload = "";
        IdempotencyKey = "";
    }

    public OutboxMessage(string type, string payload, Instant occurredAt, string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        if (type.Length > TypeMaxLength || idempotencyKey.Length > IdempotencyKeyMaxLength)
        {
            throw new ArgumentException($"An outbox type is at most {TypeMaxLength} characters and a key at most {IdempotencyKeyMaxLength}.");
        }

        Id = NewId.Next();
        Type = type;
        Payload = payload;
        OccurredAt = occurredAt;
        IdempotencyKey = idempotencyKey;
    }

    public Guid Id { get; private set; }

    /// <summary>The event's name, e.g. <c>arrangements.broken</c>.</summary>
    public string Type { get; private set; }

    /// <summary>The event as JSON.</summary>
    public string Payload { get; private set; }

    public Instant OccurredAt { get; private set; }

    /// <summary>Unique: the same event is never stored twice, and handlers dedupe deliveries by it.</summary>
    public string IdempotencyKey { get; private set; }

    public Instant? DispatchedAt { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>The last handler failure's exception type and message (no payload data), for operators.</summary>
    public string? LastError { get; private set; }

    /// <summary>
    /// The dispatcher pass holding the message while it hands it over, or null; a concurrency token, so a pass whose
    /// lease ran out and was taken over cannot mark the message it no longer holds.
    /// </summary>
    public Guid? ClaimId { get; private set; }

    /// <summary>Until when that pass holds it: afterwards any pass may take it (its holder crashed or hung).</summary>
    public Instant? ClaimedUntil { get; private set; }

    internal void MarkDispatched(Instant at)
    {
        DispatchedAt = at;
        Attempts++;
        LastError = null;
        ClaimId = null;
        ClaimedUntil = null;
    }

    internal void MarkFailed(string error)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        ClaimId = null;
        ClaimedUntil = null;
    }
}
