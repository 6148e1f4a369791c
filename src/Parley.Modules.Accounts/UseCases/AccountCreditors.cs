using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;

namespace Parley.Modules.Accounts.UseCases;

/// <summary>An account's creditor for the scope checks of modules that hold no accounts (<see cref="IAccountCreditors"/>).</summary>
internal sealed class AccountCreditors(ParleyDbContext db) : IAccountCreditors
{
    public async Task<CreditorId?> GetAsync(AccountId accountId, CancellationToken cancellationToken) =>
        await db.Set<Account>().AsNoTracking().Where(a => a.Id == accountId).Select(a => (CreditorId?)a.CreditorId).SingleOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<AccountId, CreditorId>> GetManyAsync(IReadOnlyCollection<AccountId> accountIds, CancellationToken cancellationToken)
    {
        var ids = accountIds.Distinct().ToArray();
        return ids.Length == 0
            ? new Dictionary<AccountId, CreditorId>()
            : await db.Set<Account>().AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.CreditorId }).ToDictionaryAsync(a => a.Id, a => a.CreditorId, cancellationToken);
    }

    public async Task<IReadOnlyList<AccountId>> AccountsOfAsync(IReadOnlySet<CreditorId> creditors, CancellationToken cancellationToken)
    {
        var ids = creditors.ToArray();
        return ids.Length == 0 ? [] : await db.Set<Account>().AsNoTracking().Where(a => ids.Contains(a.CreditorId)).Select(a => a.Id).ToListAsync(cancellationToken);
    }
}
