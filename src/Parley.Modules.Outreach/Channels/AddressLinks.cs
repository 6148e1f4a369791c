using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;

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

    /// <summary>
    /// <see cref="RememberAsync"/> for a batch: the owners and the links already known read in one query each, and the new
    /// links and the touched ones saved at once. Returns the owners of the accounts that exist.
    /// </summary>
    public async Task<IReadOnlyDictionary<AccountId, AccountOwner>> RememberManyAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        var found = await owners.GetManyAsync([.. messages.Select(m => m.Account).Distinct()], cancellationToken);
        var hashes = messages.Select(m => AddressLink.Hash(m.Channel, m.To)).Distinct().ToArray();
        var now = clock.GetCurrentInstant();
        var known = (await db.Set<AddressLink>().Where(l => EF.Parameter(hashes).Contains(l.AddressHash)).ToListAsync(cancellationToken))
            .GroupBy(l => (l.AddressHash, l.AccountId)).ToDictionary(g => g.Key, g => g.First());
        var added = new List<AddressLink>();
        foreach (var message in messages)
        {
            if (!found.TryGetValue(message.Account, out var owner))
            {
                continue;
            }

            var key = (AddressLink.Hash(message.Channel, message.To), message.Account);
            if (known.TryGetValue(key, out var link))
            {
                link.LastUsedAt = now;
                continue;
            }

            link = new AddressLink(message.Channel, AddressLink.Normalise(message.Channel, message.To), owner.AccountId, owner.CustomerId, owner.CreditorId, now);
            known[key] = link;
            added.Add(link);
        }

        db.AddRange(added);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another send remembered one of these addresses meanwhile: one at a time, each race settled as RememberAsync settles it.
            foreach (var link in added)
            {
                db.Entry(link).State = EntityState.Detached;
            }

            foreach (var message in messages.Where(m => found.ContainsKey(m.Account)))
            {
                await RememberAsync(message, cancellationToken);
            }
        }

        return found;
    }

    /// <summary>The accounts this address was written to for, most recent first.</summary>
    public Task<List<AddressLink>> FindAsync(Compliance.Contracts.ContactChannel channel, string address, CancellationToken cancellationToken)
    {
        var hash = AddressLink.Hash(channel, address);
        return db.Set<AddressLink>().AsNoTracking().Where(l => l.AddressHash == hash).OrderByDescending(l => l.LastUsedAt).ToListAsync(cancellationToken);
    }
}
