namespace Parley.SharedKernel.Security;

/// <summary>
/// Which creditor placed an account, for the modules that hold no accounts of their own (the ledger, the compliance
/// gate) to check an actor's creditor scope. Implemented by the Accounts module.
/// </summary>
public interface IAccountCreditors
{
    /// <summary>The account's creditor, or null when there is no such account.</summary>
    Task<CreditorId?> GetAsync(AccountId accountId, CancellationToken cancellationToken);

    /// <summary>The creditors of those of <paramref name="accountIds"/> that exist, in one round trip.</summary>
    Task<IReadOnlyDictionary<AccountId, CreditorId>> GetManyAsync(IReadOnlyCollection<AccountId> accountIds, CancellationToken cancellationToken);

    /// <summary>
    /// Every account of <paramref name="creditors"/>, for a module that keeps only account ids to narrow a figure to a
    /// named scope in its own query (the list travels as one parameter).
    /// </summary>
    Task<IReadOnlyList<AccountId>> AccountsOfAsync(IReadOnlySet<CreditorId> creditors, CancellationToken cancellationToken);
}

public static class AccountScope
{
    /// <summary>
    /// Refuses with <paramref name="notFound"/> when the account is outside the actor's scope or does not exist. An actor
    /// who works for every creditor is not looked up at all: the payment path stays as cheap as it was.
    /// </summary>
    public static async Task MustSeeAccountAsync(this Actor actor, IAccountCreditors accounts, AccountId accountId, DomainError notFound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(accounts);
        if (actor.Creditors.IsAll)
        {
            return;
        }

        var creditor = await accounts.GetAsync(accountId, cancellationToken) ?? throw new DomainException(notFound);
        actor.MustSee(creditor, notFound);
    }
}
