using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Payments.Contracts;

/// <summary>A payment on an account's ledger and, when it was reversed (returned, charged back), when.</summary>
public sealed record LedgerPayment(LedgerEntryId EntryId, Money Amount, Instant OccurredAt, Instant? ReversedAt);

public interface ILedgerPaymentHistory
{
    /// <summary>The account's payments that occurred at or after <paramref name="since"/>, each with its reversal if any, in the order they occurred.</summary>
    Task<IReadOnlyList<LedgerPayment>> SinceAsync(AccountId accountId, Instant since, CancellationToken cancellationToken);

    /// <summary>The same for many accounts in two queries (portfolio scoring); an account without payments maps to an empty list.</summary>
    Task<IReadOnlyDictionary<AccountId, IReadOnlyList<LedgerPayment>>> SinceManyAsync(IReadOnlyCollection<AccountId> accountIds, Instant since, CancellationToken cancellationToken);
}
