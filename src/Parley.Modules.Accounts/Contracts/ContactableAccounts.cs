using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Contracts;

/// <summary>An account a contact strategy may work: whose it is, its status and how late it is (the ladder's segment).</summary>
public sealed record ContactableAccount(AccountId AccountId, CustomerId CustomerId, CreditorId CreditorId, AccountStatus Status, DelinquencyBucket Bucket);

/// <summary>The accounts outreach plans for, and their standing when a planned contact is about to leave.</summary>
public interface IContactableAccounts
{
    /// <summary>
    /// Every open account (not paid, settled, recalled, closed or in credit, and not in an active arrangement — a plan
    /// that breaks sets the account open again), in account-id order.
    /// </summary>
    Task<IReadOnlyList<ContactableAccount>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The current status of those of <paramref name="accountIds"/> that exist.</summary>
    Task<IReadOnlyDictionary<AccountId, AccountStatus>> StatusesAsync(IReadOnlyCollection<AccountId> accountIds, CancellationToken cancellationToken);
}
