using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Contracts;

/// <summary>Whose an account is: the customer it is owed by and the creditor that placed it.</summary>
public sealed record AccountOwner(AccountId AccountId, CustomerId CustomerId, CreditorId CreditorId);

/// <summary>An account's customer and creditor, for modules that keep facts per customer (outreach history and preferences).</summary>
public interface IAccountOwners
{
    /// <summary>The account's owner, or null when there is no such account.</summary>
    Task<AccountOwner?> GetAsync(AccountId accountId, CancellationToken cancellationToken);

    /// <summary>The owners of those of <paramref name="accountIds"/> that exist, in one round trip.</summary>
    Task<IReadOnlyDictionary<AccountId, AccountOwner>> GetManyAsync(IReadOnlyCollection<AccountId> accountIds, CancellationToken cancellationToken);
}

/// <summary>Whether a creditor exists, for modules that keep a creditor's own settings (the outreach contact budget).</summary>
public interface ICreditorDirectory
{
    Task<bool> ExistsAsync(CreditorId creditorId, CancellationToken cancellationToken);
}
