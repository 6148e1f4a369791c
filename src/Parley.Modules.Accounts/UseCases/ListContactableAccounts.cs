using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.UseCases;

/// <summary>The accounts outreach plans for (<see cref="IContactableAccounts"/>): open ones, read as small rows.</summary>
internal sealed class ListContactableAccounts(ParleyDbContext db) : IContactableAccounts
{
    public async Task<IReadOnlyList<ContactableAccount>> ListAsync(CancellationToken cancellationToken) =>
        await db.Set<Account>().AsNoTracking()
            .Where(a => a.Status == AccountStatus.Open)
            .OrderBy(a => a.Id)
            .Select(a => new ContactableAccount(a.Id, a.CustomerId, a.CreditorId, a.Status, a.DelinquencyBucket))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<AccountId, AccountStatus>> StatusesAsync(IReadOnlyCollection<AccountId> accountIds, CancellationToken cancellationToken)
    {
        var ids = accountIds.Distinct().ToArray();
        return ids.Length == 0
            ? new Dictionary<AccountId, AccountStatus>()
            : await db.Set<Account>().AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Status }).ToDictionaryAsync(a => a.Id, a => a.Status, cancellationToken);
    }
}
