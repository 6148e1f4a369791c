using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.UseCases;

/// <summary>Hold spans, for the Arrangements module (through <see cref="IAccountHoldHistories"/>).</summary>
internal sealed class GetAccountHoldHistory(ParleyDbContext db) : IAccountHoldHistories
{
    public async Task<AccountHoldHistory?> GetAsync(AccountId accountId, Instant since, CancellationToken cancellationToken)
    {
        var customerId = await db.Set<Account>().AsNoTracking().Where(a => a.Id == accountId).Select(a => (CustomerId?)a.CustomerId).SingleOrDefaultAsync(cancellationToken);
        if (customerId is null)
        {
            return null;
        }

        var holds = await db.Set<Hold>().AsNoTracking()
            .Where(h => h.CustomerId == customerId && (h.AccountId == null || h.AccountId == accountId))
            .ToListAsync(cancellationToken);
        var periods = holds
            .Select(h => new HoldPeriod(h.Type, h.StartsAt, h.EndedAt ?? (h.ResumesAutomatically ? h.PlannedEndAt : null)))
            .Where(p => p.EndsAt is not { } end || end > since)
            .OrderBy(p => p.StartsAt)
            .ToList();
        return new AccountHoldHistory(accountId, periods);
    }
}
