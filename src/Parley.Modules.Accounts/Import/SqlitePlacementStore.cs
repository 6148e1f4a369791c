using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.Persistence.Conventions;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Import;

/// <summary>
/// SQLite: the batch's rows go through the bulk writer (one prepared single-row INSERT, upsert or UPDATE per row,
/// columns and stored forms from the EF model) inside the batch's transaction: one journal commit
/// per batch.
/// </summary>
internal sealed class SqlitePlacementStore(ParleyDbContext db) : IPlacementStore
{
    // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default) already holds the database's single write lock.
    public Task LockAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // SQLite plans these IN (SELECT value FROM json_each(…)) look-ups as one index probe per reference.
    public Task<Dictionary<string, string>> PlacedHashesAsync(CreditorId creditorId, List<string> accountRefs, CancellationToken cancellationToken) =>
        db.Set<Account>().AsNoTracking()
            .Where(a => a.CreditorId == creditorId && EF.Parameter(accountRefs).Contains(a.CreditorReference))
            .Select(a => new { a.CreditorReference, a.PlacementHash })
            .ToDictionaryAsync(a => a.CreditorReference, a => a.PlacementHash, StringComparer.Ordinal, cancellationToken);

    public Task<Dictionary<string, Account>> AccountsAsync(CreditorId creditorId, List<string> accountRefs, CancellationToken cancellationToken) =>
        db.Set<Account>().AsNoTracking()
            .Where(a => a.CreditorId == creditorId && EF.Parameter(accountRefs).Contains(a.CreditorReference))
            .ToDictionaryAsync(a => a.CreditorReference, StringComparer.Ordinal, cancellationToken);

    public async Task<Dictionary<string, KnownCustomer>> CustomersAsync(CreditorId creditorId, List<string> customerRefs, CancellationToken cancellationToken) =>
        (await db.Set<Customer>().AsNoTracking()
            .Where(c => c.CreditorId == creditorId && EF.Parameter(customerRefs).Contains(c.CustomerReference))
            .Select(c => new { c.Id, c.CustomerReference, AddressId = c.Addresses.OrderBy(a => a.Position).ThenBy(a => a.Id).Select(a => (Guid?)a.Id).FirstOrDefault() })
            .ToListAsync(cancellationToken))
        .ToDictionary(c => c.CustomerReference, c => new KnownCustomer(c.Id, c.AddressId), StringComparer.Ordinal);

    public async Task WriteAsync(BatchPlan plan, CancellationToken cancellationToken)
    {
        var bulk = BulkWriter.For(db);
        await bulk.InsertAsync(plan.NewCustomers, plan.StoredDatesOfBirth, cancellationToken);
        await bulk.UpdateAsync(plan.ChangedCustomers, PlacementWrites.CustomerFields, plan.StoredDatesOfBirth, cancellationToken);
        await bulk.InsertAsync(plan.NewAddresses, cancellationToken);
        await bulk.UpdateAsync(plan.ChangedAddresses, PlacementWrites.AddressFields, cancellationToken);
        await bulk.UpsertAsync(plan.Phones, PlacementWrites.PhoneKey, PlacementWrites.PhoneFields, cancellationToken);
        await bulk.UpsertAsync(plan.Emails, PlacementWrites.EmailKey, PlacementWrites.EmailFields, cancellationToken);
        RetireUnlisted(bulk, plan);
        await bulk.InsertAsync(plan.NewAccounts, cancellationToken);
        await bulk.UpdateAsync(plan.ChangedAccounts, PlacementWrites.AccountFields, cancellationToken);
        await bulk.InsertAsync(plan.Changes, cancellationToken);
    }

    public Task WriteRejectsAsync(ImportId importId, IReadOnlyList<RowProblem> rejects, CancellationToken cancellationToken) =>
        BulkWriter.For(db).InsertAsync(PlacementWrites.Rejects(importId, rejects), cancellationToken);

    /// <summary>Placement-given phones and emails of updated customers that their rows no longer list: retired, kept for the record.</summary>
    private void RetireUnlisted(BulkWriter bulk, BatchPlan plan)
    {
        var listed = plan.ListedContactsOfChangedCustomers();
        if (listed.Count == 0)
        {
            return;
        }

        var (connection, transaction) = Open();
        using var retirePhones = Retire(connection, transaction, bulk.Table<PhoneNumber>(), nameof(PhoneNumber.E164));
        using var retireEmails = Retire(connection, transaction, bulk.Table<EmailAddress>(), nameof(EmailAddress.Address));
        var at = SqliteStorageFormat.Instant(plan.At);
        foreach (var (customer, phones, emails) in listed)
        {
            retirePhones.Run(customer.Value, at, JsonSerializer.Serialize(phones));
            retireEmails.Run(customer.Value, at, JsonSerializer.Serialize(emails));
        }
    }

    private static SqliteBulkStatement Retire<T>(SqliteConnection connection, SqliteTransaction transaction, BulkTable<T> t, string listedProperty)
        where T : class =>
        new(connection, transaction,
            $"UPDATE {t.QuotedName} SET {t.Column("RetiredAt")} = $p1 WHERE {t.Column("CustomerId")} = $p0 AND {t.Column("Source")} = '{nameof(ContactSource.Placement)}' "
            + $"AND {t.Column("RetiredAt")} IS NULL AND {t.Column(listedProperty)} NOT IN (SELECT value FROM json_each($p2))", 3);

    private (SqliteConnection, SqliteTransaction) Open() =>
        ((SqliteConnection)db.Database.GetDbConnection(), (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
}

