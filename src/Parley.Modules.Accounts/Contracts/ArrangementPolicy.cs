using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Contracts;

/// <summary>What an arrangement on an account must respect: the account's currency and its creditor's instalment and settlement bounds.</summary>
public sealed record AccountArrangementPolicy(
    AccountId AccountId,
    Currency Currency,
    Money MinimumInstalment,
    decimal SettlementDiscountMinPercent,
    decimal SettlementDiscountMaxPercent);

public interface IAccountArrangementPolicies
{
    /// <summary>The account's arrangement policy, or null when there is no such account.</summary>
    Task<AccountArrangementPolicy?> GetAsync(AccountId accountId, CancellationToken cancellationToken);
}
