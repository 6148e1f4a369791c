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

    /// <summary><see cref="RememberAsync"/> for a batch of accepted messages, saved at once.</summary>
    public async Task RememberManyAsync(string provider, IReadOnlyList<(string ProviderMessageId, OutgoingMessage Message)> accepted, CancellationToken cancellationToken)
    {
        if (accepted.Count == 0)
        {
            return;
        }

        var ids = accepted.Select(a => a.ProviderMessageId).Distinct().ToArray();
        var known = (await db.Set<ProviderSend>().AsNoTracking().Where(s => s.Provider == provider && EF.Parameter(ids).Contains(s.ProviderMessageId))
            .Select(s => s.ProviderMessageId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetCurrentInstant();
        var added = new List<ProviderSend>();
        foreach (var (id, message) in accepted)
        {
            if (known.Add(id))
            {
                added.Add(new ProviderSend(provider, id, message.IdempotencyKey, message.Account, message.Channel, now));
            }
        }

        db.AddRange(added);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A re-send of one of these keys was remembered meanwhile: one at a time, as RememberAsync settles it.
            foreach (var send in added)
            {
                db.Entry(send).State = EntityState.Detached;
            }

            foreach (var (id, message) in accepted)
            {
                await RememberAsync(provider, id, message, cancellationToken);
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
