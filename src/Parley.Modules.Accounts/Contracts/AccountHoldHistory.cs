using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Contracts;

/// <summary>A hold's span: from its start to when it ended (or will end by itself); an open end means it is still on.</summary>
public sealed record HoldPeriod(HoldType Kind, Instant StartsAt, Instant? EndsAt);

/// <summary>The customer's IANA time zone and jurisdiction (from the primary address; null when none is known) and the holds on the account.</summary>
public sealed record AccountHoldHistory(AccountId AccountId, string? TimeZone, IReadOnlyList<HoldPeriod> Holds, Jurisdiction? Jurisdiction = null);

public interface IAccountHoldHistories
{
    /// <summary>The holds on the account (its own and the customer's all-accounts holds) that were on at or after <paramref name="since"/>, oldest first; null when there is no such account.</summary>
    Task<AccountHoldHistory?> GetAsync(AccountId accountId, Instant since, CancellationToken cancellationToken);
}
