using NodaTime;
using Parley.SharedKernel;

namespace Parley.Persistence;

/// <summary>A domain event written in the same transaction as the change that raised it, dispatched idempotently later.</summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
        Type = "";
        Payload = "";
    }

    public OutboxMessage(string type, string payload, Instant occurredAt)
    {
        Id = NewId.Next();
        Type = type;
        Payload = payload;
        OccurredAt = occurredAt;
    }

    public Guid Id { get; private set; }

    public string Type { get; private set; }

    public string Payload { get; private set; }

    public Instant OccurredAt { get; private set; }

    public Instant? DispatchedAt { get; private set; }

    public void MarkDispatched(Instant at) => DispatchedAt ??= at;
}
