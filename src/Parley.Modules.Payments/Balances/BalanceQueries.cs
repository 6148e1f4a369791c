using Microsoft.EntityFrameworkCore;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Payments.Balances;

internal sealed class BalanceQueries(ParleyDbContext db) : IBalanceQueries
{
    public async Task<AccountBalance?> GetAsync(AccountId accountId, CancellationToken cancellationToken)
    {
        var account = await db.Set<LedgerAccount>().AsNoTracking().SingleOrDefaultAsync(a => a.AccountId == accountId, cancellationToken);
        return account?.ToBalance();
    }

    public async Task<IReadOnlyDictionary<AccountId, AccountBalance>> GetManyAsync(IReadOnlyCollection<AccountId> accountIds, CancellationToken cancellationToken)
    {
        var ids = accountIds.Distinct().ToList();
        var accounts = await db.Set<LedgerAccount>().AsNoTracking().Where(a => ids.Contains(a.AccountId)).ToListAsync(cancellationToken);
        return accounts.ToDictionary(a => a.AccountId, a => a.ToBalance());
    }
}
