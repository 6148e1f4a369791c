using NodaTime;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence.Conventions;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Import;

internal readonly record struct KnownCustomer(CustomerId Id, Guid? AddressId);

/// <summary>
/// Everything one batch writes, as the domain's own entities with every id already resolved; a store writes them
/// set-based through the bulk writer, whose columns come from the EF model.
/// </summary>
internal sealed class BatchPlan
{
    public List<Customer> NewCustomers { get; } = [];

    public List<Customer> ChangedCustomers { get; } = [];

    /// <summary>The customers' dates of birth as stored, sealed on the reading thread; the writer writes them as given.</summary>
    public StoredForms<Customer> StoredDatesOfBirth { get; } = new(nameof(Customer.DateOfBirth));

    public List<PostalAddress> NewAddresses { get; } = [];

    public List<PostalAddress> ChangedAddresses { get; } = [];

    /// <summary>Upserted by (customer, E.164).</summary>
    public List<PhoneNumber> Phones { get; } = [];

    /// <summary>Upserted by (customer, address).</summary>
    public List<EmailAddress> Emails { get; } = [];

    public List<Account> NewAccounts { get; } = [];

    public List<Account> ChangedAccounts { get; } = [];

    public List<AccountChange> Changes { get; } = [];

    /// <summary>Balances of the accounts this batch creates: their ledgers open with no look-ups.</summary>
    public List<PlacementBalance> OpeningBalances { get; } = [];

    /// <summary>Balances of existing accounts: the ledger restates them (or sees a repeated key and does nothing).</summary>
    public List<PlacementBalance> RestatedBalances { get; } = [];

    /// <summary>The lenders' contacts on the rows this batch writes, for the contact history.</summary>
    public List<PlacedContact> Contacts { get; } = [];

    public Instant At { get; init; }

    /// <summary>
    /// For each customer this batch updates, the phones (E.164) and emails its rows list: placement-given contact
    /// points of theirs that are not listed are retired.
    /// </summary>
    public IReadOnlyList<(CustomerId Customer, string[] Phones, string[] Emails)> ListedContactsOfChangedCustomers()
    {
        // A first placement changes no customer: nothing to look up.
        if (ChangedCustomers.Count == 0)
        {
            return [];
        }

        var changed = ChangedCustomers.Select(c => c.Id).ToHashSet();
        var phones = Phones.Where(p => changed.Contains(p.CustomerId)).ToLookup(p => p.CustomerId, p => p.E164);
        var emails = Emails.Where(e => changed.Contains(e.CustomerId)).ToLookup(e => e.CustomerId, e => e.Address);
        return ChangedCustomers.ConvertAll(c => (c.Id, phones[c.Id].ToArray(), emails[c.Id].ToArray()));
    }
}

/// <summary>What a later placement of a known row may change, by property; keys and references stay as first written.</summary>
internal static class PlacementWrites
{
    public static readonly string[] CustomerFields =
        [nameof(Customer.GivenName), nameof(Customer.FamilyName), nameof(Customer.SearchName), nameof(Customer.DateOfBirth), nameof(Customer.Language)];

    public static readonly string[] AddressFields =
        [nameof(PostalAddress.Line1), nameof(PostalAddress.Line2), nameof(PostalAddress.City), nameof(PostalAddress.PostalCode), nameof(PostalAddress.Jurisdiction), nameof(PostalAddress.TimeZone)];

    public static readonly string[] AccountFields =
    [
        nameof(Account.ProductType), nameof(Account.OriginalCreditor), nameof(Account.ChargeOffDate), nameof(Account.LastPaymentDate),
        nameof(Account.DaysPastDue), nameof(Account.DelinquencyBucket), nameof(Account.StatuteOfLimitationsDate), nameof(Account.Status),
        nameof(Account.PlacementHash), nameof(Account.Statements),
    ];

    /// <summary>
    /// A listed phone is upserted by (customer, E.164): its type, consents and place are the placement's, and a retired one
    /// is current again; its source stays.
    /// </summary>
    public static readonly string[] PhoneKey = [nameof(PhoneNumber.CustomerId), nameof(PhoneNumber.E164)];

    public static readonly string[] PhoneFields =
        [nameof(PhoneNumber.Type), nameof(PhoneNumber.ConsentToCall), nameof(PhoneNumber.ConsentToSms), nameof(PhoneNumber.RetiredAt), nameof(PhoneNumber.Position)];

    public static readonly string[] EmailKey = [nameof(EmailAddress.CustomerId), nameof(EmailAddress.Address)];

    public static readonly string[] EmailFields = [nameof(EmailAddress.Type), nameof(EmailAddress.ConsentToEmail), nameof(EmailAddress.RetiredAt), nameof(EmailAddress.Position)];

    /// <summary>The stored rejects: each row's problems numbered 0, 1, … in the order found (sorted by row), the message cut to its column's 500 characters.</summary>
    public static List<ImportReject> Rejects(ImportId importId, IReadOnlyList<RowProblem> rejects)
    {
        var rows = new List<ImportReject>(rejects.Count);
        var ordinal = 0;
        for (var i = 0; i < rejects.Count; i++)
        {
            ordinal = i > 0 && rejects[i - 1].RowNumber == rejects[i].RowNumber ? ordinal + 1 : 0;
            var r = rejects[i];
            rows.Add(new ImportReject(importId, r.RowNumber, ordinal, r.AccountRef, r.Field, r.Message.Length > 500 ? r.Message[..500] : r.Message));
        }

        return rows;
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

    /// <summary>The creditor's customers with these references, with the id of their primary postal address (position, then id).</summary>
    Task<Dictionary<string, KnownCustomer>> CustomersAsync(CreditorId creditorId, List<string> customerRefs, CancellationToken cancellationToken);

    Task WriteAsync(BatchPlan plan, CancellationToken cancellationToken);

    Task WriteRejectsAsync(ImportId importId, IReadOnlyList<RowProblem> rejects, CancellationToken cancellationToken);
}
