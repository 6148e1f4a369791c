using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Persistence;
using Parley.Persistence.Conventions;
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
    /// <see cref="RememberAsync"/> for a batch: the owners read in one query, and every link written by one upsert in one
    /// transaction — a new address linked, a known one touched — so a race with another send is settled by the unique key,
    /// not by an error. Returns the owners of the accounts that exist.
    /// </summary>
    public async Task<IReadOnlyDictionary<AccountId, AccountOwner>> RememberManyAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        var found = await owners.GetManyAsync([.. messages.Select(m => m.Account).Distinct()], cancellationToken);
        var now = clock.GetCurrentInstant();
        var links = new Dictionary<(string Hash, AccountId Account), AddressLink>();
        foreach (var message in messages)
        {
            if (found.TryGetValue(message.Account, out var owner) && !links.ContainsKey((AddressLink.Hash(message.Channel, message.To), message.Account)))
            {
                var link = new AddressLink(message.Channel, AddressLink.Normalise(message.Channel, message.To), owner.AccountId, owner.CustomerId, owner.CreditorId, now);
                links[(link.AddressHash, link.AccountId)] = link;
            }
        }

        if (links.Count == 0)
        {
            return found;
        }

        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (own)
        {
            await BulkWriter.For(db).UpsertAsync(links.Values, [nameof(AddressLink.AddressHash), nameof(AddressLink.AccountId)], [nameof(AddressLink.LastUsedAt)], cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
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
