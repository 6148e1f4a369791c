using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.Persistence.Conventions;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Import;

/// <summary>
/// PostgreSQL, through the bulk writer (columns and stored forms from the EF model): rows with fresh ids (new
/// customers, addresses, accounts, history, rejects) are binary-COPied straight into their tables — the batch's
/// look-ups ran under the import lock, so they cannot collide. Updates and upserts are copied into temporary staging
/// tables (dropped at commit) and applied with one <c>UPDATE … FROM</c> or <c>INSERT … ON CONFLICT</c> per table.
/// </summary>
internal sealed class PostgresPlacementStore(ParleyDbContext db) : IPlacementStore
{
    // One lock for all placement imports: their batches serialise, reads and other writers do not wait.
    private const long ImportLockKey = 0x5041524C4559_01;

    // Whether this role may switch off row-level foreign-key triggers for its own batch transactions; asked once.
    private bool? _checksReferencesItself;

    /// <summary>
    /// Takes the import lock and, where the role may, sets <c>session_replication_role = replica</c> for this batch
    /// transaction only (<c>SET LOCAL</c>): PostgreSQL then skips its per-row foreign-key triggers, which cost a
    /// third of the server's CPU (an executor start-up and a row lock per referencing row, ~7 per account). The batch
    /// keeps the same guarantee set-based instead: every parent it references is either created in this transaction
    /// or locked <c>FOR KEY SHARE</c> by one statement per table before the writes (<see cref="LockReferencedAsync"/>).
    /// </summary>
    public async Task LockAsync(CancellationToken cancellationToken)
    {
        _checksReferencesItself ??= await MaySkipRowTriggersAsync(cancellationToken);
        await ExecuteAsync(_checksReferencesItself.Value
            ? $"SELECT pg_advisory_xact_lock({ImportLockKey}); SET LOCAL session_replication_role = replica"
            : $"SELECT pg_advisory_xact_lock({ImportLockKey})", cancellationToken);
    }

    private async Task<bool> MaySkipRowTriggersAsync(CancellationToken cancellationToken)
    {
        // has_parameter_privilege (PostgreSQL 15+) is true for superusers and for roles granted SET on the parameter.
        if (Connection.PostgreSqlVersion.Major < 15)
        {
            return false;
        }

        await using var command = Connection.CreateCommand();
        command.CommandText = "SELECT has_parameter_privilege('session_replication_role', 'SET')";
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>
    /// With the row triggers off, locks every existing parent row the batch references, so none can be deleted before
    /// it commits (what the foreign-key triggers' per-row <c>FOR KEY SHARE</c> did). Parents created by this batch
    /// need no lock: no other transaction can see them yet. Ledger accounts are created or locked by the ledger itself.
    /// </summary>
    private async Task LockReferencedAsync(BatchPlan plan, CancellationToken cancellationToken)
    {
        var created = plan.NewCustomers.Select(c => c.Id.Value).ToHashSet();
        var creditors = plan.NewCustomers.Select(c => c.CreditorId.Value).Concat(plan.NewAccounts.Select(a => a.CreditorId.Value)).Distinct().ToArray();
        var customers = plan.NewAccounts.Select(a => a.CustomerId.Value)
            .Concat(plan.NewAddresses.Select(a => a.CustomerId.Value))
            .Concat(plan.Phones.Select(p => p.CustomerId.Value))
            .Concat(plan.Emails.Select(e => e.CustomerId.Value))
            .Where(id => !created.Contains(id)).Distinct().ToArray();
        var accounts = plan.Changes.Select(c => c.AccountId.Value).Distinct().ToArray();
        await using var command = Connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM accounts_creditors WHERE \"Id\" = ANY(@creditors) ORDER BY \"Id\" FOR KEY SHARE; "
            + "SELECT 1 FROM accounts_customers WHERE \"Id\" = ANY(@customers) ORDER BY \"Id\" FOR KEY SHARE; "
            + "SELECT 1 FROM accounts_accounts WHERE \"Id\" = ANY(@accounts) ORDER BY \"Id\" FOR KEY SHARE";
        command.Parameters.Add(new NpgsqlParameter("creditors", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = creditors });
        command.Parameters.Add(new NpgsqlParameter("customers", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = customers });
        command.Parameters.Add(new NpgsqlParameter("accounts", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = accounts });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Each look-up joins the references as a set and probes the unique (creditor, reference) index once per
    // reference (LATERAL … LIMIT 1): "= ANY(@refs)" let the planner scan all the creditor's rows and test each
    // against the whole array, quadratic in a large import (17 s of 48 s of database time for 100k accounts).
    public async Task<Dictionary<string, string>> PlacedHashesAsync(CreditorId creditorId, List<string> accountRefs, CancellationToken cancellationToken)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = ByReference("SELECT x.\"CreditorReference\", x.\"PlacementHash\" FROM unnest(@refs) r(ref) CROSS JOIN LATERAL "
            + "(SELECT a.\"CreditorReference\", a.\"PlacementHash\" FROM accounts_accounts a WHERE a.\"CreditorId\" = @creditor AND a.\"CreditorReference\" = r.ref LIMIT 1) x",
            creditorId, accountRefs);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hashes[reader.GetString(0)] = reader.GetString(1);
        }

        return hashes;
    }

    public Task<Dictionary<string, Account>> AccountsAsync(CreditorId creditorId, List<string> accountRefs, CancellationToken cancellationToken) =>
        db.Set<Account>()
            .FromSql($"SELECT x.* FROM unnest({accountRefs.ToArray()}::varchar[]) r(ref) CROSS JOIN LATERAL (SELECT * FROM accounts_accounts a WHERE a.\"CreditorId\" = {creditorId.Value} AND a.\"CreditorReference\" = r.ref LIMIT 1) x")
            .AsNoTracking()
            .ToDictionaryAsync(a => a.CreditorReference, StringComparer.Ordinal, cancellationToken);

    public async Task<Dictionary<string, KnownCustomer>> CustomersAsync(CreditorId creditorId, List<string> customerRefs, CancellationToken cancellationToken)
    {
        var customers = new Dictionary<string, KnownCustomer>(StringComparer.Ordinal);
        await using var command = ByReference("SELECT x.\"Id\", x.\"CustomerReference\", (SELECT d.\"Id\" FROM accounts_addresses d WHERE d.\"CustomerId\" = x.\"Id\" ORDER BY d.\"Position\", d.\"Id\" LIMIT 1) "
            + "FROM unnest(@refs) r(ref) CROSS JOIN LATERAL "
            + "(SELECT c.\"Id\", c.\"CustomerReference\" FROM accounts_customers c WHERE c.\"CreditorId\" = @creditor AND c.\"CustomerReference\" = r.ref LIMIT 1) x",
            creditorId, customerRefs);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            customers[reader.GetString(1)] = new KnownCustomer(new CustomerId(reader.GetGuid(0)), reader.IsDBNull(2) ? null : reader.GetGuid(2));
        }

        return customers;
    }

    public async Task WriteAsync(BatchPlan plan, CancellationToken cancellationToken)
    {
        if (_checksReferencesItself == true)
        {
            await LockReferencedAsync(plan, cancellationToken);
        }

        var bulk = BulkWriter.For(db);
        await bulk.InsertAsync(plan.NewCustomers, plan.StoredDatesOfBirth, cancellationToken);
        await bulk.InsertAsync(plan.NewAddresses, cancellationToken);
        await bulk.InsertAsync(plan.NewAccounts, cancellationToken);
        await bulk.InsertAsync(plan.Changes, cancellationToken);
        await bulk.UpdateAsync(plan.ChangedCustomers, PlacementWrites.CustomerFields, plan.StoredDatesOfBirth, cancellationToken);
        await bulk.UpdateAsync(plan.ChangedAddresses, PlacementWrites.AddressFields, cancellationToken);

        // A customer created by this batch has a fresh id, so its phones and emails cannot conflict: they are copied
        // straight in, and only existing customers' contact points go through the staged upsert.
        var created = plan.NewCustomers.Select(c => c.Id).ToHashSet();
        var (newPhones, knownPhones) = Split(plan.Phones, p => created.Contains(p.CustomerId));
        var (newEmails, knownEmails) = Split(plan.Emails, e => created.Contains(e.CustomerId));
        await bulk.InsertAsync(newPhones, cancellationToken);
        await bulk.InsertAsync(newEmails, cancellationToken);
        await bulk.UpsertAsync(knownPhones, PlacementWrites.PhoneKey, PlacementWrites.PhoneFields, cancellationToken);
        await bulk.UpsertAsync(knownEmails, PlacementWrites.EmailKey, PlacementWrites.EmailFields, cancellationToken);
        await bulk.UpdateAsync(plan.ChangedAccounts, PlacementWrites.AccountFields, cancellationToken);
        await RetireUnlistedAsync(plan, cancellationToken);
    }

    private static (List<T> Matching, List<T> Others) Split<T>(List<T> rows, Func<T, bool> matches)
    {
        var (matching, rest) = (new List<T>(rows.Count), new List<T>());
        foreach (var row in rows)
        {
            (matches(row) ? matching : rest).Add(row);
        }

        return (matching, rest);
    }

    public async Task WriteRejectsAsync(ImportId importId, IReadOnlyList<RowProblem> rejects, CancellationToken cancellationToken)
    {
        if (_checksReferencesItself == true)
        {
            // The rejects' parent, locked as the foreign-key trigger would have.
            await using var command = Connection.CreateCommand();
            command.CommandText = "SELECT 1 FROM accounts_import_runs WHERE \"Id\" = @run FOR KEY SHARE";
            command.Parameters.Add(new NpgsqlParameter("run", NpgsqlDbType.Uuid) { Value = importId.Value });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await BulkWriter.For(db).InsertAsync(PlacementWrites.Rejects(importId, rejects), cancellationToken);
    }

    /// <summary>Placement-given phones and emails of updated customers that their rows no longer list: retired, kept for the record.</summary>
    private async Task RetireUnlistedAsync(BatchPlan plan, CancellationToken cancellationToken)
    {
        var listed = plan.ListedContactsOfChangedCustomers();
        if (listed.Count == 0)
        {
            return;
        }

        var customers = listed.Select(l => l.Customer.Value).ToArray();
        var bulk = BulkWriter.For(db);
        await RetireAsync(bulk.Table<PhoneNumber>(), nameof(PhoneNumber.E164), customers, listed.SelectMany(l => l.Phones.Select(p => (l.Customer.Value, p))).ToList(), plan.At, cancellationToken);
        await RetireAsync(bulk.Table<EmailAddress>(), nameof(EmailAddress.Address), customers, listed.SelectMany(l => l.Emails.Select(e => (l.Customer.Value, e))).ToList(), plan.At, cancellationToken);
    }

    private async Task RetireAsync<T>(BulkTable<T> t, string listedProperty, Guid[] customers, List<(Guid Customer, string Value)> listed, NodaTime.Instant at, CancellationToken cancellationToken)
        where T : class
    {
        var (retiredAt, customer) = (t.Column("RetiredAt"), t.Column("CustomerId"));
        await using var command = Connection.CreateCommand();
        command.CommandText = $"UPDATE {t.QuotedName} t SET {retiredAt} = @at WHERE t.{customer} = ANY(@customers) AND t.{t.Column("Source")} = '{nameof(ContactSource.Placement)}' AND t.{retiredAt} IS NULL "
            + $"AND NOT EXISTS (SELECT 1 FROM unnest(@listed_customers, @listed_values) k(c, v) WHERE k.c = t.{customer} AND k.v = t.{t.Column(listedProperty)})";
        command.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.TimestampTz) { Value = at });
        command.Parameters.Add(new NpgsqlParameter("customers", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = customers });
        command.Parameters.Add(new NpgsqlParameter("listed_customers", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = listed.Select(l => l.Customer).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("listed_values", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = listed.Select(l => l.Value).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlCommand ByReference(string sql, CreditorId creditorId, List<string> references)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add(new NpgsqlParameter("refs", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = references.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("creditor", NpgsqlDbType.Uuid) { Value = creditorId.Value });
        return command;
    }

    private NpgsqlConnection Connection => (NpgsqlConnection)db.Database.GetDbConnection();

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
