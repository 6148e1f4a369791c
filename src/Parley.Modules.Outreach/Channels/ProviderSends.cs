using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Persistence;

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

    /// <summary>The send a provider's id names, e.g. the Message-ID a bounce quotes (angle brackets ignored).</summary>
    public Task<ProviderSend?> FindAsync(string providerMessageId, CancellationToken cancellationToken)
    {
        var id = providerMessageId.Trim().Trim('<', '>');
        return db.Set<ProviderSend>().AsNoTracking().Where(s => s.ProviderMessageId == id).OrderByDescending(s => s.At).FirstOrDefaultAsync(cancellationToken);
    }
}
