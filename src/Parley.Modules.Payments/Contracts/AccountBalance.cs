using Parley.SharedKernel;

namespace Parley.Modules.Payments.Contracts;

/// <summary>An account's balances by bucket as projected from its ledger; credit is money paid beyond the debt.</summary>
public sealed record AccountBalance(AccountId AccountId, Money Principal, Money Interest, Money Fees, Money Credit)
{
    /// <summary>What is owed net of any credit (negative when the customer is in credit).</summary>
    public Money Outstanding => Principal + Interest + Fees - Credit;
}

/// <summary>
/// The balance read model: a keyless view of the ledger's projection that other modules join in their own SQL to filter
/// or sort by balance (the portfolio search), so a page of accounts stays one query.
/// </summary>
public sealed class AccountBalanceView
{
    public AccountId AccountId { get; init; }

    public Currency Currency { get; init; } = Currency.USD;

    public long PrincipalMinor { get; init; }

    public long InterestMinor { get; init; }

    public long FeesMinor { get; init; }

    public long CreditMinor { get; init; }

    public long OutstandingMinor { get; init; }
}

public interface IBalanceQueries
{
    Task<AccountBalance?> GetAsync(AccountId accountId, CancellationToken cancellationToken);

    /// <summary>Balances for a page of accounts in one query.</summary>
    Task<IReadOnlyDictionary<AccountId, AccountBalance>> GetManyAsync(IReadOnlyCollection<AccountId> accountIds, CancellationToken cancellationToken);
}
