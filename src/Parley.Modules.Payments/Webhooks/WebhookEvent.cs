using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Payments.Webhooks;

/// <summary>
/// A provider's event id as first received for posting: the account and the SHA-256 of the body it is bound to. A
/// second delivery of the id with another account or body is refused, so one signed event never posts twice.
/// </summary>
public sealed class WebhookEvent
{
    public const int ProviderMaxLength = 40;

    private WebhookEvent()
    {
        Provider = "";
        EventId = "";
        BodyHash = "";
    }

    internal WebhookEvent(string provider, string eventId, AccountId accountId, string bodyHash, Instant receivedAt)
    {
        Provider = provider;
        EventId = eventId;
        AccountId = accountId;
        BodyHash = bodyHash;
        ReceivedAt = receivedAt;
    }

    public string Provider { get; private set; }

    public string EventId { get; private set; }

    public AccountId AccountId { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the raw body, the same value the ledger entry keeps as its request hash.</summary>
    public string BodyHash { get; private set; }

    public Instant ReceivedAt { get; private set; }

    /// <summary>
    /// Binds the event id to this account and body: true when this call made the binding, false when an identical
    /// delivery made it before; a binding to another account or body is refused as a conflict.
    /// </summary>
    internal static async Task<bool> ClaimAsync(ParleyDbContext db, WebhookEvent claim, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var bound = await db.Set<WebhookEvent>().AsNoTracking()
                .Where(e => e.Provider == claim.Provider && e.EventId == claim.EventId)
                .Select(e => new { e.AccountId, e.BodyHash })
                .SingleOrDefaultAsync(cancellationToken);
            if (bound is not null)
            {
                return bound.AccountId == claim.AccountId && bound.BodyHash == claim.BodyHash
                    ? false
                    : throw new DomainException(new WebhookEventConflict(claim.EventId));
            }

            db.Add(claim);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                // A concurrent delivery bound the id first: read what it bound; any other failure repeats and is thrown.
                db.Entry(claim).State = EntityState.Detached;
            }
        }
    }

    /// <summary>Frees an id whose event was refused and posted nothing, so the binding only ever names a posting.</summary>
    internal static Task ReleaseAsync(ParleyDbContext db, WebhookEvent claim, CancellationToken cancellationToken) =>
        db.Set<WebhookEvent>()
            .Where(e => e.Provider == claim.Provider && e.EventId == claim.EventId && e.AccountId == claim.AccountId && e.BodyHash == claim.BodyHash)
            .ExecuteDeleteAsync(cancellationToken);
}

public sealed record WebhookEventConflict(string EventId)
    : DomainError(
        "payments.webhook_event_conflict",
        $"Event '{EventId}' was already received for another account or with another body; an event id names one event, so nothing was posted.",
        ErrorKind.Conflict);
