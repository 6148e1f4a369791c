using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Parley.Persistence.Outbox;

/// <summary>
/// An in-process reaction to outbox events of one type. Delivery is at least once (a crash between handling and
/// marking delivered hands the message over again), so a handler dedupes by <see cref="OutboxMessage.IdempotencyKey"/>.
/// </summary>
public interface IOutboxHandler
{
    /// <summary>The event type handled, e.g. <c>arrangements.broken</c>.</summary>
    string EventType { get; }

    Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>Delivers undelivered outbox messages, oldest first, to the handlers of their type; a failed message is retried on the next pass.</summary>
public sealed class OutboxDispatcher(ParleyDbContext db, IEnumerable<IOutboxHandler> handlers, IClock clock, ILogger<OutboxDispatcher> logger)
{
    public const int BatchSize = 100;

    /// <summary>A message that has failed this often is left for an operator (still visible, never delivered again by itself).</summary>
    public const int MaxAttempts = 10;

    /// <summary>One pass: returns how many messages were delivered.</summary>
    public async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        var byType = handlers.ToLookup(h => h.EventType, StringComparer.Ordinal);
        var batch = await db.Set<OutboxMessage>()
            .Where(m => m.DispatchedAt == null && m.Attempts < MaxAttempts)
            .OrderBy(m => m.OccurredAt)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        var delivered = 0;
        foreach (var message in batch)
        {
            try
            {
                foreach (var handler in byType[message.Type])
                {
                    await handler.HandleAsync(message, cancellationToken);
                }

                message.MarkDispatched(clock.GetCurrentInstant());
                delivered++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The type and message only: payloads may hold customer data, which stays out of logs.
                message.MarkFailed($"{ex.GetType().Name}: {ex.Message}");
                logger.LogWarning("Outbox message {MessageId} ({Type}) failed in a handler ({Error}); retried next pass", message.Id, message.Type, ex.GetType().Name);
            }

            // Saved per message, so a crash re-delivers at most the one being handled.
            await db.SaveChangesAsync(cancellationToken);
        }

        return delivered;
    }
}

public static class OutboxRegistration
{
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        services.AddScoped<OutboxDispatcher>();
        return services;
    }

    /// <summary>Stages an event in the context; it is stored by the caller's next SaveChanges, with the state change.</summary>
    public static OutboxMessage AddOutboxMessage(this DbContext db, string type, string payload, Instant occurredAt, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(db);
        var message = new OutboxMessage(type, payload, occurredAt, idempotencyKey);
        db.Add(message);
        return message;
    }
}
