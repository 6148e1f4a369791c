using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Contracts;

/// <summary>A hold's span: from its start to when it ended (or will end by itself); an open end means it is still on.</summary>
public sealed record HoldPeriod(HoldType Kind, Instant StartsAt, Instant? EndsAt);

/// <summary>The holds on the account; the customer's time zone and jurisdiction are their <see cref="CustomerLocale"/>.</summary>
public sealed record AccountHoldHistory(AccountId AccountId, IReadOnlyList<HoldPeriod> Holds);

public interface IAccountHoldHistories
{
    /// <summary>The holds on the account (its own and the customer's all-accounts holds) that were on at or after <paramref name="since"/>, oldest first; null when there is no such account.</summary>
    Task<AccountHoldHistory?> GetAsync(AccountId accountId, Instant since, CancellationToken cancellationToken);
}
