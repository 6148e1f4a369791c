using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.UseCases;

/// <summary>An account's customer and creditor (<see cref="IAccountOwners"/>).</summary>
internal sealed class AccountOwners(ParleyDbContext db) : IAccountOwners
{
    public async Task<AccountOwner?> GetAsync(AccountId accountId, CancellationToken cancellationToken) =>
        await db.Set<Account>().AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new AccountOwner(a.Id, a.CustomerId, a.CreditorId)).SingleOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<AccountId, AccountOwner>> GetManyAsync(IReadOnlyCollection<AccountId> accountIds, CancellationToken cancellationToken)
    {
        var ids = accountIds.Distinct().ToArray();
        return ids.Length == 0
            ? new Dictionary<AccountId, AccountOwner>()
            : await db.Set<Account>().AsNoTracking().Where(a => ids.Contains(a.Id))
                .Select(a => new AccountOwner(a.Id, a.CustomerId, a.CreditorId)).ToDictionaryAsync(a => a.AccountId, cancellationToken);
    }
}

/// <summary>Whether a creditor exists (<see cref="ICreditorDirectory"/>).</summary>
internal sealed class CreditorDirectory(ParleyDbContext db) : ICreditorDirectory
{
    public Task<bool> ExistsAsync(CreditorId creditorId, CancellationToken cancellationToken) =>
        db.Set<Creditor>().AnyAsync(c => c.Id == creditorId, cancellationToken);
}
