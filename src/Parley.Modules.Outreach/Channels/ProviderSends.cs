using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Persistence;
using Parley.Persistence.Conventions;

namespace Parley.Modules.Outreach.Channels;

/// <summary>Keeps each accepted message's id at its provider beside the send's key, for delivery reports and bounces.</summary>
public sealed class ProviderSends(ParleyDbContext db, IClock clock)
{
    public const string Smtp = "smtp";
    public const string DevOutbox = "devoutbox";

    public async Task RememberAsync(string provider, string providerMessageId, OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (await db.Set<ProviderSend>().AnyAsync(s => s.Provider == provider && s.ProviderMessageId == providerMessageId, cancellationToken))
        {
            return;
        }

        var send = new ProviderSend(provider, providerMessageId, message.IdempotencyKey, message.Account, message.Channel, clock.GetCurrentInstant());
        db.Add(send);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same message (a re-send of one key) remembered at once by another send.
            db.Entry(send).State = EntityState.Detached;
        }
    }

    /// <summary>
    /// <see cref="RememberAsync"/> for a batch of accepted messages, written by one upsert in one transaction: an id already
    /// remembered (a re-send of one key, or another send at once) stays as it was — the update sets the provider to itself.
    /// </summary>
    public async Task RememberManyAsync(string provider, IReadOnlyList<(string ProviderMessageId, OutgoingMessage Message)> accepted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        var now = clock.GetCurrentInstant();
        var sends = new Dictionary<string, ProviderSend>(StringComparer.Ordinal);
        foreach (var (id, message) in accepted)
        {
            sends.TryAdd(id, new ProviderSend(provider, id, message.IdempotencyKey, message.Account, message.Channel, now));
        }

        if (sends.Count == 0)
        {
            return;
        }

        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (own)
        {
            await BulkWriter.For(db).UpsertAsync(sends.Values, [nameof(ProviderSend.Provider), nameof(ProviderSend.ProviderMessageId)], [nameof(ProviderSend.Provider)], cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
    }

    /// <summary>The send a provider's id names, e.g. the Message-ID a bounce quotes (angle brackets ignored).</summary>
    public Task<ProviderSend?> FindAsync(string providerMessageId, CancellationToken cancellationToken)
    {
        var id = providerMessageId.Trim().Trim('<', '>');
        return db.Set<ProviderSend>().AsNoTracking().Where(s => s.ProviderMessageId == id).OrderByDescending(s => s.At).FirstOrDefaultAsync(cancellationToken);
    }
}
