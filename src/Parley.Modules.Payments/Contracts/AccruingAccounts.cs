using Parley.SharedKernel;

namespace Parley.Modules.Payments.Contracts;

/// <summary>
/// An account that accrues on its creditor's terms: the annual interest rate on principal (percent) and the monthly fee
/// (minor units), with the customer's IANA time zone (the primary address; null when none is known), whose months count.
/// </summary>
public sealed record AccruingAccount(AccountId AccountId, Currency Currency, decimal AnnualInterestRatePercent, long MonthlyFeeMinor, string? TimeZone);

/// <summary>Which accounts accrue interest or fees, and on what terms; implemented by the module that holds accounts and creditors.</summary>
public interface IAccruingAccounts
{
    /// <summary>
    /// Every account that may accrue: open or in an arrangement, not charged off, on a creditor that charges interest or a
    /// fee; in account-id order.
    /// </summary>
    Task<IReadOnlyList<AccountId>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The terms of those of <paramref name="accountIds"/> that (still) accrue, in one round trip or two.</summary>
    Task<IReadOnlyList<AccruingAccount>> GetAsync(IReadOnlyCollection<AccountId> accountIds, CancellationToken cancellationToken);
}
