using NodaTime;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Payments.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Import;

/// <summary>A customer to insert or update; <see cref="SealedDateOfBirth"/> is already encrypted as stored.</summary>
internal sealed record CustomerWrite(CustomerId Id, CreditorId CreditorId, string Reference, PersonName Name, string? SealedDateOfBirth, string Language)
{
    /// <summary>The name as search compares it, written with the name so the two never disagree.</summary>
    public string SearchName => SearchText.Name(Name.Given, Name.Family);
}

internal sealed record AddressWrite(Guid Id, CustomerId CustomerId, AddressLine Address);

internal sealed record PhoneWrite(Guid Id, CustomerId CustomerId, PhoneLine Phone);

internal readonly record struct KnownCustomer(CustomerId Id, Guid? AddressId);

internal sealed record EmailWrite(Guid Id, CustomerId CustomerId, EmailLine Email);

/// <summary>Everything one batch writes, with every id already resolved; a store executes it set-based.</summary>
internal sealed class BatchPlan
{
    public List<CustomerWrite> NewCustomers { get; } = [];

    public List<CustomerWrite> ChangedCustomers { get; } = [];

    public List<AddressWrite> NewAddresses { get; } = [];

    public List<AddressWrite> ChangedAddresses { get; } = [];

    /// <summary>Upserted by (customer, E.164).</summary>
    public List<PhoneWrite> Phones { get; } = [];

    /// <summary>Upserted by (customer, address).</summary>
    public List<EmailWrite> Emails { get; } = [];

    public List<Account> NewAccounts { get; } = [];

    public List<Account> ChangedAccounts { get; } = [];

    public List<AccountChange> Changes { get; } = [];

    /// <summary>Balances of the accounts this batch creates: their ledgers open with no look-ups.</summary>
    public List<PlacementBalance> OpeningBalances { get; } = [];

    /// <summary>Balances of existing accounts: the ledger restates them (or sees a repeated key and does nothing).</summary>
    public List<PlacementBalance> RestatedBalances { get; } = [];

    public Instant At { get; init; }

    /// <summary>
    /// For each customer this batch updates, the phones (E.164) and emails its rows list: placement-given contact
    /// points of theirs that are not listed are retired.
    /// </summary>
    public IEnumerable<(CustomerId Customer, string[] Phones, string[] Emails)> ListedContactsOfChangedCustomers()
    {
        var phones = Phones.ToLookup(p => p.CustomerId, p => p.Phone.E164);
        var emails = Emails.ToLookup(e => e.CustomerId, e => e.Email.Address);
        return ChangedCustomers.Select(c => (c.Id, phones[c.Id].ToArray(), emails[c.Id].ToArray()));
    }
}

/// <summary>Executes a batch plan inside the caller's open transaction, in the provider's fastest set-based way.</summary>
internal interface IPlacementStore
{
    /// <summary>Serialises concurrent imports so the batch's look-ups stay true until it commits.</summary>
    Task LockAsync(CancellationToken cancellationToken);

    /// <summary>The placement hash of each of these references that the creditor already has.</summary>
    Task<Dictionary<string, string>> PlacedHashesAsync(CreditorId creditorId, List<string> accountRefs, CancellationToken cancellationToken);

    /// <summary>The creditor's accounts with these references, untracked.</summary>
    Task<Dictionary<string, Account>> AccountsAsync(CreditorId creditorId, List<string> accountRefs, CancellationToken cancellationToken);

    /// <summary>The creditor's customers with these references, with the id of their first postal address.</summary>
    Task<Dictionary<string, KnownCustomer>> CustomersAsync(CreditorId creditorId, List<string> customerRefs, CancellationToken cancellationToken);

    Task WriteAsync(BatchPlan plan, CancellationToken cancellationToken);

    Task WriteRejectsAsync(ImportId importId, IReadOnlyList<RowProblem> rejects, CancellationToken cancellationToken);
}
