using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using NodaTime;
using Parley.SharedKernel;

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

/// <summary>
/// How long a dispatcher pass holds the messages it claimed: longer than a batch takes to hand over, and as long as a
/// crashed node's messages wait before another node takes them.
/// </summary>
public sealed record OutboxOptions(Duration Lease)
{
    public static OutboxOptions Default { get; } = new(Duration.FromMinutes(2));
}

/// <summary>
/// Delivers undelivered outbox messages, oldest first, to the handlers of their type; a failed message is retried on the
/// next pass. Each pass first claims its batch for a lease (on PostgreSQL with <c>FOR UPDATE SKIP LOCKED</c>, so two
/// nodes claim disjoint batches without waiting on each other), so no two passes hand over the same message; a batch
/// whose node crashed is taken over once its lease has run out.
/// </summary>
public sealed partial class OutboxDispatcher(ParleyDbContext db, IEnumerable<IOutboxHandler> handlers, IClock clock, OutboxOptions options, ILogger<OutboxDispatcher> logger)
{
    public const int BatchSize = 100;

    /// <summary>A message that has failed this often is left for an operator (still visible, never delivered again by itself).</summary>
    public const int MaxAttempts = 10;

    /// <summary>One pass: returns how many messages were delivered.</summary>
    public async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        var byType = handlers.ToLookup(h => h.EventType, StringComparer.Ordinal);
        var claim = NewId.Next();
        var now = clock.GetCurrentInstant();
        var until = now + options.Lease;
        await ClaimAsync(claim, now, until, cancellationToken);

        // Messages an earlier pass of this context loaded are stale now: read the claimed rows afresh.
        foreach (var entry in db.ChangeTracker.Entries<OutboxMessage>().ToList())
        {
            entry.State = EntityState.Detached;
        }

        var batch = await db.Set<OutboxMessage>().Where(m => m.ClaimId == claim).OrderBy(m => m.OccurredAt).ToListAsync(cancellationToken);
        var delivered = 0;
        var settled = 0;
        try
        {
            foreach (var message in batch)
            {
                if (clock.GetCurrentInstant() >= until)
                {
                    // Past the lease another pass may hold these already; what is left is released below.
                    LogLeaseRanOut(logger, batch.Count - settled);
                    break;
                }

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
                    LogHandlerFailed(logger, message.Id, message.Type, ex.GetType().Name);
                }

                // Saved per message, so a crash re-delivers at most the one being handled.
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Another pass took the message over after this one's lease ran out; it is that pass's to mark.
                    LogClaimLost(logger, message.Id);
                    return message.DispatchedAt is null ? delivered : delivered - 1;
                }

                settled++;
            }
        }
        finally
        {
            if (settled < batch.Count)
            {
                // Stopping (or out of lease): hand the rest back now rather than when the lease runs out.
                await db.Set<OutboxMessage>()
                    .Where(m => m.ClaimId == claim && m.DispatchedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimId, (Guid?)null).SetProperty(m => m.ClaimedUntil, (Instant?)null), CancellationToken.None);
            }
        }

        return delivered;
    }

    /// <summary>Marks up to a batch of due, unclaimed (or lease-expired) messages as this pass's, atomically.</summary>
    private Task<int> ClaimAsync(Guid claim, Instant now, Instant until, CancellationToken cancellationToken)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // SKIP LOCKED: rows another pass is claiming right now are passed over, not waited for; FOR UPDATE re-reads
            // each row it locks, so one whose claim committed meanwhile no longer matches.
            return db.Database.ExecuteSqlAsync(
                $"""
                UPDATE outbox_messages SET "ClaimId" = {claim}, "ClaimedUntil" = {until}
                WHERE "Id" IN (
                    SELECT "Id" FROM outbox_messages
                    WHERE "DispatchedAt" IS NULL AND "Attempts" < {MaxAttempts} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" <= {now})
                    ORDER BY "OccurredAt"
                    LIMIT {BatchSize}
                    FOR UPDATE SKIP LOCKED)
                """,
                cancellationToken);
        }

        // SQLite has one writer at a time, so one UPDATE statement claims atomically.
        var due = db.Set<OutboxMessage>()
            .Where(m => m.DispatchedAt == null && m.Attempts < MaxAttempts && (m.ClaimedUntil == null || m.ClaimedUntil <= now))
            .OrderBy(m => m.OccurredAt)
            .Take(BatchSize)
            .Select(m => m.Id);
        return db.Set<OutboxMessage>()
            .Where(m => due.Contains(m.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimId, claim).SetProperty(m => m.ClaimedUntil, until), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({Type}) failed in a handler ({Error}); retried next pass")]
    private static partial void LogHandlerFailed(ILogger logger, Guid messageId, string type, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox pass ran out of its lease with {Count} message(s) left; they go to the next pass")]
    private static partial void LogLeaseRanOut(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} was taken over by another pass after this pass's lease ran out; this pass stops")]
    private static partial void LogClaimLost(ILogger logger, Guid messageId);
}

public static class OutboxRegistration
{
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        services.TryAddSingleton(OutboxOptions.Default);
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
