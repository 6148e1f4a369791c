using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.Persistence.Conventions;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Import;

/// <summary>
/// SQLite: one prepared statement per statement shape, re-executed for every row inside the batch's transaction
/// (SQLite's fastest bulk path: no SQL parsing per row, one journal commit per batch). Values are written exactly as
/// EF stores them (<see cref="SqliteStorageFormat"/>) so EF reads them back unchanged.
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
            .Select(c => new { c.Id, c.CustomerReference, AddressId = c.Addresses.OrderBy(a => a.Id).Select(a => (Guid?)a.Id).FirstOrDefault() })
            .ToListAsync(cancellationToken))
        .ToDictionary(c => c.CustomerReference, c => new KnownCustomer(c.Id, c.AddressId), StringComparer.Ordinal);

    public Task WriteAsync(BatchPlan plan, CancellationToken cancellationToken)
    {
        var (connection, transaction) = Open();
        using (var insert = new SqliteBulkStatement(connection, transaction, Insert("accounts_customers", "Id", "CreditorId", "CustomerReference", "GivenName", "FamilyName", "SearchName", "DateOfBirth", "Language")))
        {
            foreach (var c in plan.NewCustomers)
            {
                insert.Run(c.Id.Value, c.CreditorId.Value, c.Reference, c.Name.Given, c.Name.Family, c.SearchName, c.SealedDateOfBirth, c.Language);
            }
        }

        using (var update = new SqliteBulkStatement(connection, transaction, "UPDATE accounts_customers SET GivenName = $p1, FamilyName = $p2, SearchName = $p3, DateOfBirth = $p4, Language = $p5 WHERE Id = $p0", 6))
        {
            foreach (var c in plan.ChangedCustomers)
            {
                update.Run(c.Id.Value, c.Name.Given, c.Name.Family, c.SearchName, c.SealedDateOfBirth, c.Language);
            }
        }

        using (var insert = new SqliteBulkStatement(connection, transaction, Insert("accounts_addresses", "Id", "CustomerId", "Line1", "Line2", "City", "PostalCode", "Jurisdiction", "TimeZone")))
        {
            foreach (var a in plan.NewAddresses)
            {
                insert.Run(a.Id, a.CustomerId.Value, a.Address.Line1, a.Address.Line2, a.Address.City, a.Address.PostalCode, a.Address.Jurisdiction.Code, a.Address.TimeZone);
            }
        }

        using (var update = new SqliteBulkStatement(connection, transaction, "UPDATE accounts_addresses SET Line1 = $p1, Line2 = $p2, City = $p3, PostalCode = $p4, Jurisdiction = $p5, TimeZone = $p6 WHERE Id = $p0", 7))
        {
            foreach (var a in plan.ChangedAddresses)
            {
                update.Run(a.Id, a.Address.Line1, a.Address.Line2, a.Address.City, a.Address.PostalCode, a.Address.Jurisdiction.Code, a.Address.TimeZone);
            }
        }

        using (var upsert = new SqliteBulkStatement(connection, transaction, Insert("accounts_phones", "Id", "CustomerId", "E164", "Type", "ConsentToCall", "ConsentToSms", "Source")
            + " ON CONFLICT (CustomerId, E164) DO UPDATE SET Type = excluded.Type, ConsentToCall = excluded.ConsentToCall, ConsentToSms = excluded.ConsentToSms, RetiredAt = NULL"))
        {
            foreach (var p in plan.Phones)
            {
                upsert.Run(p.Id, p.CustomerId.Value, p.Phone.E164, p.Phone.Type.ToString(), p.Phone.ConsentToCall, p.Phone.ConsentToSms, PlacementSource);
            }
        }

        using (var upsert = new SqliteBulkStatement(connection, transaction, Insert("accounts_emails", "Id", "CustomerId", "Address", "Type", "ConsentToEmail", "Source")
            + " ON CONFLICT (CustomerId, Address) DO UPDATE SET Type = excluded.Type, ConsentToEmail = excluded.ConsentToEmail, RetiredAt = NULL"))
        {
            foreach (var e in plan.Emails)
            {
                upsert.Run(e.Id, e.CustomerId.Value, e.Email.Address, e.Email.Type.ToString(), e.Email.ConsentToEmail, PlacementSource);
            }
        }

        const string NotListed = "CustomerId = $p0 AND Source = 'Placement' AND RetiredAt IS NULL AND {0} NOT IN (SELECT value FROM json_each($p2))";
        using (var retirePhones = new SqliteBulkStatement(connection, transaction, "UPDATE accounts_phones SET RetiredAt = $p1 WHERE " + NotListed.Replace("{0}", "E164", StringComparison.Ordinal), 3))
        using (var retireEmails = new SqliteBulkStatement(connection, transaction, "UPDATE accounts_emails SET RetiredAt = $p1 WHERE " + NotListed.Replace("{0}", "Address", StringComparison.Ordinal), 3))
        {
            var at = I(plan.At);
            foreach (var (customer, phones, emails) in plan.ListedContactsOfChangedCustomers())
            {
                retirePhones.Run(customer.Value, at, JsonSerializer.Serialize(phones));
                retireEmails.Run(customer.Value, at, JsonSerializer.Serialize(emails));
            }
        }

        using (var insert = new SqliteBulkStatement(connection, transaction, Insert("accounts_accounts", "Id", "CreditorId", "CustomerId", "CreditorReference", "ProductType", "OriginalCreditor", "Currency",
            "ChargeOffDate", "LastPaymentDate", "DaysPastDue", "DelinquencyBucket", "StatuteOfLimitationsDate", "Status", "PlacedAt", "PlacementHash", "StatementHistory")))
        {
            foreach (var a in plan.NewAccounts)
            {
                insert.Run(a.Id.Value, a.CreditorId.Value, a.CustomerId.Value, a.CreditorReference, a.ProductType.ToString(), a.OriginalCreditor, a.Currency.Code,
                    D(a.ChargeOffDate), D(a.LastPaymentDate), a.DaysPastDue, a.DelinquencyBucket.ToString(), D(a.StatuteOfLimitationsDate), a.Status.ToString(),
                    I(a.PlacedAt), a.PlacementHash, a.Statements.ToJson());
            }
        }

        using (var update = new SqliteBulkStatement(connection, transaction, "UPDATE accounts_accounts SET ProductType = $p1, OriginalCreditor = $p2, ChargeOffDate = $p3, LastPaymentDate = $p4, DaysPastDue = $p5, "
            + "DelinquencyBucket = $p6, StatuteOfLimitationsDate = $p7, Status = $p8, PlacementHash = $p9, StatementHistory = $p10 WHERE Id = $p0", 11))
        {
            foreach (var a in plan.ChangedAccounts)
            {
                update.Run(a.Id.Value, a.ProductType.ToString(), a.OriginalCreditor, D(a.ChargeOffDate), D(a.LastPaymentDate), a.DaysPastDue,
                    a.DelinquencyBucket.ToString(), D(a.StatuteOfLimitationsDate), a.Status.ToString(), a.PlacementHash, a.Statements.ToJson());
            }
        }

        using (var insert = new SqliteBulkStatement(connection, transaction, Insert("accounts_account_changes", "Id", "AccountId", "At", "ImportId", "Field", "OldValue", "NewValue")))
        {
            foreach (var c in plan.Changes)
            {
                insert.Run(c.Id, c.AccountId.Value, I(c.At), c.ImportId is { } id ? id.Value : (object?)null, c.Field, Clip(c.OldValue), Clip(c.NewValue));
            }
        }

        return Task.CompletedTask;
    }

    public Task WriteRejectsAsync(ImportId importId, IReadOnlyList<RowProblem> rejects, CancellationToken cancellationToken)
    {
        var (connection, transaction) = Open();
        using var insert = new SqliteBulkStatement(connection, transaction, Insert("accounts_import_rejects", "ImportId", "RowNumber", "Ordinal", "AccountRef", "Field", "Message"));
        var id = importId.Value;
        foreach (var (reject, ordinal) in RejectOrdinals.Number(rejects))
        {
            insert.Run(id, reject.RowNumber, ordinal, reject.AccountRef, reject.Field, reject.Message);
        }

        return Task.CompletedTask;
    }

    private static readonly string PlacementSource = nameof(ContactSource.Placement);

    private (SqliteConnection, SqliteTransaction) Open() =>
        ((SqliteConnection)db.Database.GetDbConnection(), (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction());

    private static string Insert(string table, params string[] columns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";

    private static long I(Instant value) => SqliteStorageFormat.Instant(value);

    private static object? D(LocalDate? value) => value is { } d ? d : null;

    private static string? Clip(string? value) => value is { Length: > 200 } ? value[..200] : value;
}

internal static class RejectOrdinals
{
    /// <summary>Numbers each row's problems 0, 1, … in the order found (the rejects are sorted by row).</summary>
    public static IEnumerable<(RowProblem Reject, int Ordinal)> Number(IReadOnlyList<RowProblem> rejects)
    {
        var ordinal = 0;
        for (var i = 0; i < rejects.Count; i++)
        {
            ordinal = i > 0 && rejects[i - 1].RowNumber == rejects[i].RowNumber ? ordinal + 1 : 0;
            yield return (rejects[i], ordinal);
        }
    }
}
