using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Payments.Contracts;

/// <summary>
/// The balances a creditor states for an account in a placement file. The ledger opens the account with these
/// as charges, and on a later placement posts one adjustment per changed bucket, so the balance always equals the
/// sum of entries.
/// </summary>
public sealed record PlacementBalance(
    AccountId AccountId,
    Currency Currency,
    AllocationWaterfall Waterfall,
    long PrincipalMinor,
    long InterestMinor,
    long FeesMinor,
    Instant At,
    string IdempotencyKey);

/// <summary>Accounts' view of the ledger during a placement import. Runs inside the caller's transaction.</summary>
public interface ILedgerPlacements
{
    /// <summary>
    /// Opens the ledgers of accounts the caller created in this transaction, with no look-ups: each account must have
    /// no ledger yet (one that has fails the batch). The import's fast path for new accounts.
    /// </summary>
    Task OpenAsync(IReadOnlyList<PlacementBalance> balances, CancellationToken cancellationToken);

    /// <summary>Opens ledgers for new accounts and adjusts changed ones; a repeated key changes nothing. Set-based.</summary>
    Task ApplyAsync(IReadOnlyList<PlacementBalance> balances, CancellationToken cancellationToken);

    /// <summary>Changes the payment waterfall used for the accounts of a creditor whose policy changed.</summary>
    Task SetWaterfallAsync(IReadOnlyList<AccountId> accounts, AllocationWaterfall waterfall, CancellationToken cancellationToken);
}
