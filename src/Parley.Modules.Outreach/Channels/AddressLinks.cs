using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Persistence;

namespace Parley.Modules.Outreach.Channels;

/// <summary>Remembers which account each address was written to for (so a reply, STOP or bounce finds it), and finds them again.</summary>
public sealed class AddressLinks(ParleyDbContext db, IAccountOwners owners, IClock clock)
{
    /// <summary>The account's owner, with the link for this address recorded (or touched); null when there is no such account.</summary>
    public async Task<AccountOwner?> RememberAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (await owners.GetAsync(message.Account, cancellationToken) is not { } owner)
        {
            return null;
        }

        var hash = AddressLink.Hash(message.Channel, message.To);
        var now = clock.GetCurrentInstant();
        var link = await db.Set<AddressLink>().SingleOrDefaultAsync(l => l.AddressHash == hash && l.AccountId == message.Account, cancellationToken);
        if (link is null)
        {
            link = new AddressLink(message.Channel, AddressLink.Normalise(message.Channel, message.To), owner.AccountId, owner.CustomerId, owner.CreditorId, now);
            db.Add(link);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Two sends to one address raced; the other remembered it.
                db.Entry(link).State = EntityState.Detached;
            }
        }
        else
        {
            link.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return owner;
    }

    /// <summary>The accounts this address was written to for, most recent first.</summary>
    public Task<List<AddressLink>> FindAsync(Compliance.Contracts.ContactChannel channel, string address, CancellationToken cancellationToken)
    {
        var hash = AddressLink.Hash(channel, address);
        return db.Set<AddressLink>().AsNoTracking().Where(l => l.AddressHash == hash).OrderByDescending(l => l.LastUsedAt).ToListAsync(cancellationToken);
    }
}
