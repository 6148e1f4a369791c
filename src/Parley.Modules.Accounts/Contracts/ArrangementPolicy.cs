using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Contracts;

/// <summary>
/// What an arrangement on an account must respect: the account's currency, its creditor's instalment and settlement
/// bounds, the interest rate and monthly fee the account accrues without an arrangement (defaults 0), whether the
/// creditor lets a kept arrangement freeze them (default true), the longest plan it accepts (default 60 months) and a
/// plan's tolerance: grace days before an instalment is missed (default 3) and misses allowed before it breaks (default 1).
/// <c>CreditorId</c> is whose account it is, for checking the actor's creditor scope.
/// </summary>
public sealed record AccountArrangementPolicy(
    AccountId AccountId,
    CreditorId CreditorId,
    Currency Currency,
    Money MinimumInstalment,
    decimal SettlementDiscountMinPercent,
    decimal SettlementDiscountMaxPercent,
    decimal AnnualInterestRatePercent = 0m,
    Money? MonthlyFee = null,
    bool FreezeAllowed = true,
    int MaxPlanMonths = 60,
    int GraceDays = 3,
    int AllowedMisses = 1);

public interface IAccountArrangementPolicies
{
    /// <summary>The account's arrangement policy, or null when there is no such account.</summary>
    Task<AccountArrangementPolicy?> GetAsync(AccountId accountId, CancellationToken cancellationToken);
}
