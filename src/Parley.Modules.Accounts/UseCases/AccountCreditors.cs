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

    public IQueryable<AccountId> AccountsOf(IReadOnlyCollection<CreditorId> creditors) =>
        db.Set<Account>().AsNoTracking().Where(a => creditors.Contains(a.CreditorId)).Select(a => a.Id);
}
