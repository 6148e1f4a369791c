using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Domain;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Facts;

/// <summary>
/// The gate's port on contact history (<see cref="IContactHistoryFacts"/>): every contact with the account's customer
/// in the window, across all their accounts with the creditor, each about the account it was recorded on.
/// </summary>
internal sealed class ContactHistoryFactsReader(ParleyDbContext db, IAccountOwners owners) : IContactHistoryFacts
{
    public async Task<ContactHistoryFacts?> GetAsync(AccountId account, Instant from, Instant to, CancellationToken cancellationToken) =>
        (await GetManyAsync([account], from, to, cancellationToken)).GetValueOrDefault(account);

    public async Task<IReadOnlyDictionary<AccountId, ContactHistoryFacts>> GetManyAsync(IReadOnlyCollection<AccountId> accounts, Instant from, Instant to, CancellationToken cancellationToken)
    {
        var found = await owners.GetManyAsync(accounts, cancellationToken);
        if (found.Count == 0)
        {
            return new Dictionary<AccountId, ContactHistoryFacts>();
        }

        return await ReadAsync(db, found.ToDictionary(f => f.Key, f => f.Value.CustomerId), from, to, cancellationToken);
    }

    /// <summary>The same for accounts whose customers the caller already knows (the planner's page): no second read of the accounts.</summary>
    internal static async Task<IReadOnlyDictionary<AccountId, ContactHistoryFacts>> ReadAsync(ParleyDbContext db, IReadOnlyDictionary<AccountId, CustomerId> owners, Instant from, Instant to, CancellationToken cancellationToken)
    {
        var customers = owners.Values.Distinct().ToArray();
        var rows = await db.Set<ContactAttempt>().AsNoTracking()
            .Where(a => EF.Parameter(customers).Contains(a.CustomerId) && a.At >= from && a.At < to)
            .OrderBy(a => a.At)
            .Select(a => new { a.CustomerId, a.AccountId, a.Channel, a.Direction, a.At, a.Result, a.Address })
            .ToListAsync(cancellationToken);
        var byCustomer = rows.ToLookup(r => r.CustomerId, r => new PastContact(r.AccountId, r.Channel, r.Direction == ContactDirection.Inbound, r.At, r.Result, r.Address));
        return owners.ToDictionary(f => f.Key, f => new ContactHistoryFacts(from, to, [.. byCustomer[f.Value]]));
    }
}
