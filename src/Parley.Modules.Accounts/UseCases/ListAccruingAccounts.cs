using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.UseCases;

/// <summary>
/// The accounts the ledger's accrual job charges (through <see cref="IAccruingAccounts"/>): open or in an arrangement and
/// not charged off (settled, paid, recalled and closed accounts accrue nothing), on a creditor whose policy carries an
/// interest rate or a monthly fee. Creditors are few, so their terms are read whole and filtered in memory.
/// </summary>
internal sealed class ListAccruingAccounts(ParleyDbContext db) : IAccruingAccounts
{
    private static readonly AccountStatus[] Accruing = [AccountStatus.Open, AccountStatus.InArrangement];

    public async Task<IReadOnlyList<AccountId>> ListAsync(CancellationToken cancellationToken)
    {
        var creditors = (await ChargingCreditorsAsync(cancellationToken)).Keys.ToList();
        if (creditors.Count == 0)
        {
            return [];
        }

        return await db.Set<Account>().AsNoTracking()
            .Where(a => creditors.Contains(a.CreditorId) && Accruing.Contains(a.Status) && a.ChargeOffDate == null)
            .OrderBy(a => a.Id)
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AccruingAccount>> GetAsync(IReadOnlyCollection<AccountId> accountIds, CancellationToken cancellationToken)
    {
        var creditors = await ChargingCreditorsAsync(cancellationToken);
        var ids = accountIds.ToList();
        var accounts = await db.Set<Account>().AsNoTracking()
            .Where(a => ids.Contains(a.Id) && Accruing.Contains(a.Status) && a.ChargeOffDate == null)
            .Select(a => new { a.Id, a.CreditorId, a.CustomerId, a.Currency })
            .ToListAsync(cancellationToken);
        var customers = accounts.Select(a => a.CustomerId).Distinct().ToList();

        // The primary address is the customer's position 0 (as the hold history and offers read it).
        var zones = (await db.Set<PostalAddress>().AsNoTracking()
                .Where(p => customers.Contains(p.CustomerId))
                .Select(p => new { p.Id, p.CustomerId, p.Position, p.TimeZone })
                .ToListAsync(cancellationToken))
            .GroupBy(p => p.CustomerId)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.Position).ThenBy(p => p.Id).First().TimeZone);
        return [.. accounts
            .Where(a => creditors.ContainsKey(a.CreditorId))
            .Select(a => new AccruingAccount(
                a.Id,
                a.Currency,
                creditors[a.CreditorId].AnnualInterestRatePercent,
                creditors[a.CreditorId].MonthlyFeeMinor,
                zones.TryGetValue(a.CustomerId, out var zone) && !string.IsNullOrWhiteSpace(zone) ? zone : null))];
    }

    private async Task<Dictionary<CreditorId, Creditor>> ChargingCreditorsAsync(CancellationToken cancellationToken) =>
        (await db.Set<Creditor>().AsNoTracking().ToListAsync(cancellationToken))
            .Where(c => c.AnnualInterestRatePercent > 0 || c.MonthlyFeeMinor > 0)
            .ToDictionary(c => c.Id);
}
