using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.UseCases;

/// <summary>An account's currency and its creditor's plan bounds, for the Arrangements module (through <see cref="IAccountArrangementPolicies"/>).</summary>
internal sealed class GetArrangementPolicy(ParleyDbContext db) : IAccountArrangementPolicies
{
    public async Task<AccountArrangementPolicy?> GetAsync(AccountId accountId, CancellationToken cancellationToken)
    {
        var found = await db.Set<Account>().AsNoTracking()
            .Where(a => a.Id == accountId)
            .Join(db.Set<Creditor>().AsNoTracking(), a => a.CreditorId, c => c.Id, (a, c) => new { a.Currency, a.CreditorId, Creditor = c })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var policy = found.Creditor.Policy;
        return new AccountArrangementPolicy(
            accountId, found.CreditorId, found.Currency, policy.MinimumInstalment, policy.SettlementDiscountMinPercent, policy.SettlementDiscountMaxPercent,
            policy.AnnualInterestRatePercent, policy.MonthlyFee, policy.FreezeAllowed, policy.MaxPlanMonths, policy.GraceDays, policy.AllowedMisses);
    }
}
