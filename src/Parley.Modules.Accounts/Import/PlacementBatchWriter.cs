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
/// </summary>
internal sealed class PlacementBatchWriter(ParleyDbContext db, IPlacementStore store, ILedgerPlacements ledger, ImportId importId, bool dryRun, Instant at)
{
    private const string DryRunSavepoint = "placement_dry_run";

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

        if (dryRun)
        {
            await transaction.RollbackToSavepointAsync(DryRunSavepoint, cancellationToken);
        }

        if (rejects.Count > 0)
        {
            rejects.Sort((a, b) => a.RowNumber.CompareTo(b.RowNumber));
            await store.WriteRejectsAsync(importId, rejects, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new BatchOutcome(plan.NewAccounts.Count, plan.ChangedAccounts.Count, unchanged, rejects);
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

        // Last row wins for a customer's person fields and contact points, as the format promises.
        var customerWrites = new Dictionary<string, (Customer Customer, bool IsNew)>(StringComparer.Ordinal);
        var addressWrites = new Dictionary<CustomerId, PostalAddress>();
        var addressIsNew = new HashSet<CustomerId>();
        var phones = new Dictionary<(CustomerId, string), PhoneNumber>();
        var emails = new Dictionary<(CustomerId, string), EmailAddress>();
        foreach (var row in toWrite)
        {
            var isKnownCustomer = customers.TryGetValue(row.CustomerRef, out var known);
            var customerId = customerWrites.TryGetValue(row.CustomerRef, out var planned) ? planned.Customer.Id
                : isKnownCustomer ? known.Id
                : CustomerId.New();
            var account = changedAccounts.GetValueOrDefault(row.AccountRef);
            if (account is not null && account.CustomerId != customerId)
            {
                rejects.Add(new RowProblem(row.RowNumber, row.AccountRef, Names(PlacementColumns.CustomerRef),
                    $"account {row.AccountRef} belongs to another customer_ref; an import cannot move an account between customers"));
                continue;
            }

            customerWrites[row.CustomerRef] = (new Customer(customerId, creditorId, row.CustomerRef, row.Name, row.DateOfBirth, row.Language), !isKnownCustomer);
            var addressId = isKnownCustomer && known.AddressId is { } knownAddress ? knownAddress
                : addressWrites.TryGetValue(customerId, out var plannedAddress) ? plannedAddress.Id
                : NewId.Next();
            if (!(isKnownCustomer && known.AddressId is not null))
            {
                addressIsNew.Add(customerId);
            }

            var line = row.Address;
            addressWrites[customerId] = new PostalAddress(addressId, customerId, line.Line1, line.Line2, line.City, line.PostalCode, line.Jurisdiction, line.TimeZone);
            foreach (var phone in row.Phones)
            {
                phones[(customerId, phone.E164)] = new PhoneNumber(NewId.Next(), customerId, phone.E164, phone.Type, phone.ConsentToCall, phone.ConsentToSms);
            }

            if (row.Email is { } email)
            {
                emails[(customerId, email.Address)] = new EmailAddress(NewId.Next(), customerId, email.Address, email.Type, email.ConsentToEmail);
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

            (isNewAccount ? plan.OpeningBalances : plan.RestatedBalances).Add(new PlacementBalance(
                account.Id, row.Terms.Currency, row.Creditor.Waterfall, row.PrincipalMinor, row.InterestMinor, row.FeesMinor, at,
                $"import:{importId.Value:N}:{account.Id.Value:N}"));
        }

        foreach (var (customer, isNew) in customerWrites.Values)
        {
            (isNew ? plan.NewCustomers : plan.ChangedCustomers).Add(customer);
        }

        foreach (var (customerId, write) in addressWrites)
        {
            (addressIsNew.Contains(customerId) ? plan.NewAddresses : plan.ChangedAddresses).Add(write);
        }

        plan.Phones.AddRange(phones.Values);
        plan.Emails.AddRange(emails.Values);
        return unchanged;
    }

    private static string Names(int column) => PlacementColumns.Names[column];

    /// <summary>The history keeps at most the first 200 characters of a value (its column's length).</summary>
    private static FieldChange Clipped(FieldChange change) =>
        change with { OldValue = Clip(change.OldValue), NewValue = Clip(change.NewValue) };

    private static string? Clip(string? value) => value is { Length: > 200 } ? value[..200] : value;
}
