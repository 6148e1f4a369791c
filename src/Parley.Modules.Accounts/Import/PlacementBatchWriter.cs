using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Import;

/// <summary>A slice of the file: the rows that passed validation and the problems of those that did not.</summary>
internal sealed record PlacementBatch(List<PlacementRow> Rows, List<RowProblem> Rejects, long RowsRead);

internal sealed record BatchOutcome(long Created, long Updated, long Unchanged, IReadOnlyList<RowProblem> Rejects);

/// <summary>
/// Writes one batch in one transaction: looks up what already exists, plans every insert and update with ids
/// resolved, hands the plan to the provider's store and the balances to the ledger, and records the rejects.
/// A dry run does all of it inside a savepoint it then rolls back, so its counts are exactly a real run's.
/// The same transaction writes the run's new totals and renews its lease, so the run always states what is committed,
/// and a run another host has marked interrupted commits nothing more.
/// </summary>
internal sealed class PlacementBatchWriter(
    ParleyDbContext db, IPlacementStore store, ILedgerPlacements ledger, IPlacedContactHistory contactHistory, ImportId importId, bool dryRun, Instant at, ImportRunOwner owner, ImportLease lease, IClock clock)
{
    private const string DryRunSavepoint = "placement_dry_run";

    /// <summary>The totals of every batch committed so far.</summary>
    public ImportCounts Counts { get; private set; } = ImportCounts.Zero;

    public async Task<BatchOutcome> WriteAsync(PlacementBatch batch, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await store.LockAsync(cancellationToken);
        var rejects = new List<RowProblem>(batch.Rejects);
        var plan = new BatchPlan { At = at };
        long unchanged = 0;
        foreach (var group in batch.Rows.GroupBy(r => r.Creditor.Id))
        {
            unchanged += await PlanAsync(group.Key, group.ToList(), plan, rejects, cancellationToken);
        }

        if (dryRun)
        {
            await transaction.CreateSavepointAsync(DryRunSavepoint, cancellationToken);
        }

        await store.WriteAsync(plan, cancellationToken);
        await ledger.OpenAsync(plan.OpeningBalances, cancellationToken);
        await ledger.ApplyAsync(plan.RestatedBalances, cancellationToken);
        if (plan.Contacts.Count > 0)
        {
            await contactHistory.RecordAsync(plan.Contacts, cancellationToken);
        }

        if (dryRun)
        {
            await transaction.RollbackToSavepointAsync(DryRunSavepoint, cancellationToken);
        }

        if (rejects.Count > 0)
        {
            rejects.Sort((a, b) => a.RowNumber.CompareTo(b.RowNumber));
            await store.WriteRejectsAsync(importId, rejects, cancellationToken);
        }

        var outcome = new BatchOutcome(plan.NewAccounts.Count, plan.ChangedAccounts.Count, unchanged, rejects);
        var counts = Counts.After(batch.RowsRead, outcome);
        await RenewAsync(counts, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Counts = counts;
        db.ChangeTracker.Clear();
        return outcome;
    }

    /// <summary>Writes the run's totals and a new lease, if the run is still this process's and running; else refuses the batch.</summary>
    private async Task RenewAsync(ImportCounts counts, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var renewed = await db.Set<ImportRun>()
            .Where(r => r.Id == importId && r.Status == ImportRunStatus.Running && r.OwnerInstance == owner.Instance)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.RowsRead, counts.RowsRead)
                    .SetProperty(r => r.RowsAccepted, counts.RowsAccepted)
                    .SetProperty(r => r.RowsRejected, counts.RowsRejected)
                    .SetProperty(r => r.AccountsCreated, counts.AccountsCreated)
                    .SetProperty(r => r.AccountsUpdated, counts.AccountsUpdated)
                    .SetProperty(r => r.AccountsUnchanged, counts.AccountsUnchanged)
                    .SetProperty(r => r.HeartbeatAt, now)
                    .SetProperty(r => r.LeaseUntil, now + lease.Duration),
                cancellationToken);
        if (renewed == 0)
        {
            throw new DomainException(new ImportRunInterrupted(importId));
        }
    }

    /// <summary>Plans one creditor's rows of the batch; returns how many were unchanged.</summary>
    private async Task<long> PlanAsync(CreditorId creditorId, List<PlacementRow> rows, BatchPlan plan, List<RowProblem> rejects, CancellationToken cancellationToken)
    {
        var existing = await store.PlacedHashesAsync(creditorId, rows.ConvertAll(r => r.AccountRef), cancellationToken);
        var toWrite = rows.Where(r => !existing.TryGetValue(r.AccountRef, out var hash) || hash != r.Hash).ToList();
        long unchanged = rows.Count - toWrite.Count;
        if (toWrite.Count == 0)
        {
            return unchanged;
        }

        var changedRefs = toWrite.Where(r => existing.ContainsKey(r.AccountRef)).Select(r => r.AccountRef).ToList();
        var changedAccounts = changedRefs.Count == 0
            ? new Dictionary<string, Account>(StringComparer.Ordinal)
            : await store.AccountsAsync(creditorId, changedRefs, cancellationToken);
        var customers = await store.CustomersAsync(creditorId, toWrite.Select(r => r.CustomerRef).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);

        // Last row wins for a customer's person fields and contact points, as the format promises: each entity is built
        // once, from its last row, after the loop (a customer's rows share one id, resolved on its first row).
        var customerRows = new Dictionary<string, (CustomerId Id, bool IsNew, Guid AddressId, bool AddressIsNew, PlacementRow Last)>(StringComparer.Ordinal);
        var phones = new Dictionary<(CustomerId, string), PhoneLine>();
        var emails = new Dictionary<(CustomerId, string), EmailLine>();
        var keyPrefix = $"import:{importId.Value:N}:";
        var recordedBy = $"import:{importId.Value:N}";
        foreach (var row in toWrite)
        {
            var isKnownCustomer = customers.TryGetValue(row.CustomerRef, out var known);
            var planned = customerRows.TryGetValue(row.CustomerRef, out var earlier);
            var customerId = planned ? earlier.Id : isKnownCustomer ? known.Id : CustomerId.New();
            var account = changedAccounts.GetValueOrDefault(row.AccountRef);
            if (account is not null && account.CustomerId != customerId)
            {
                rejects.Add(new RowProblem(row.RowNumber, row.AccountRef, Names(PlacementColumns.CustomerRef),
                    $"account {row.AccountRef} belongs to another customer_ref; an import cannot move an account between customers"));
                continue;
            }

            customerRows[row.CustomerRef] = planned ? (earlier.Id, earlier.IsNew, earlier.AddressId, earlier.AddressIsNew, row)
                : isKnownCustomer && known.AddressId is { } knownAddress ? (customerId, false, knownAddress, false, row)
                : (customerId, !isKnownCustomer, NewId.Next(), true, row);
            foreach (var phone in row.Phones)
            {
                phones[(customerId, phone.E164)] = phone;
            }

            if (row.Email is { } email)
            {
                emails[(customerId, email.Address)] = email;
            }

            var isNewAccount = account is null;
            if (account is null)
            {
                account = new Account(creditorId, customerId, row.AccountRef, row.Terms, at);
                account.RecordStatements(row.Statements);
                account.MarkPlacement(row.Hash);
                plan.NewAccounts.Add(account);
            }
            else
            {
                var changes = account.Apply(row.Terms);
                account.RecordStatements(row.Statements);
                account.MarkPlacement(row.Hash);
                plan.ChangedAccounts.Add(account);
                plan.Changes.AddRange(changes.Select(c => new AccountChange(account.Id, at, importId, Clipped(c))));
            }

            foreach (var contact in row.Contacts)
            {
                plan.Contacts.Add(new PlacedContact(account.Id, customerId, creditorId, contact.At, contact.Channel, contact.Outcome, ContactKey(contact), recordedBy));
            }

            (isNewAccount ? plan.OpeningBalances : plan.RestatedBalances).Add(new PlacementBalance(
                account.Id, row.Terms.Currency, row.Creditor.Waterfall, row.PrincipalMinor, row.InterestMinor, row.FeesMinor, at,
                IdempotencyKey(keyPrefix, account.Id)));
        }

        foreach (var (id, isNew, addressId, addressIsNew, last) in customerRows.Values)
        {
            var customer = new Customer(id, creditorId, last.CustomerRef, last.Name, last.DateOfBirth, last.Language);
            plan.StoredDatesOfBirth.Set(customer, last.StoredDateOfBirth);
            (isNew ? plan.NewCustomers : plan.ChangedCustomers).Add(customer);
            var line = last.Address;
            // A placement gives one address, the primary (a known customer's keeps its place: position is not updated).
            (addressIsNew ? plan.NewAddresses : plan.ChangedAddresses).Add(
                new PostalAddress(addressId, id, line.Line1, line.Line2, line.City, line.PostalCode, line.Jurisdiction, line.TimeZone, position: 0));
        }

        // Phones and emails take their place in the file's order (a dictionary enumerates in insertion order), numbered per customer.
        var phonePlaces = new Dictionary<CustomerId, int>();
        foreach (var ((customerId, _), phone) in phones)
        {
            var position = phonePlaces.GetValueOrDefault(customerId);
            phonePlaces[customerId] = position + 1;
            plan.Phones.Add(new PhoneNumber(NewId.Next(), customerId, phone.E164, phone.Type, phone.ConsentToCall, phone.ConsentToSms, position));
        }

        var emailPlaces = new Dictionary<CustomerId, int>();
        foreach (var ((customerId, _), email) in emails)
        {
            var position = emailPlaces.GetValueOrDefault(customerId);
            emailPlaces[customerId] = position + 1;
            plan.Emails.Add(new EmailAddress(NewId.Next(), customerId, email.Address, email.Type, email.ConsentToEmail, position));
        }

        return unchanged;
    }

    private static string Names(int column) => PlacementColumns.Names[column];

    /// <summary><c>placement:&lt;channel&gt;:&lt;instant&gt;</c>: the same contact placed again, by any file, is the same entry of the account's history.</summary>
    private static string ContactKey(ContactLine contact) =>
        $"placement:{PlacementColumns.ContactChannels.Word(contact.Channel)}:{NodaTime.Text.InstantPattern.ExtendedIso.Format(contact.At)}";

    /// <summary><c>import:{import id}:{account id}</c>, one string per row with the prefix formatted once per batch.</summary>
    private static string IdempotencyKey(string prefix, AccountId account) =>
        string.Create(prefix.Length + 32, (prefix, account.Value), static (chars, state) =>
        {
            state.prefix.CopyTo(chars);
            state.Value.TryFormat(chars[state.prefix.Length..], out _, "N");
        });

    /// <summary>The history keeps at most the first 200 characters of a value (its column's length).</summary>
    private static FieldChange Clipped(FieldChange change) =>
        change with { OldValue = Clip(change.OldValue), NewValue = Clip(change.NewValue) };

    private static string? Clip(string? value) => value is { Length: > 200 } ? value[..200] : value;
}
