using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.Modules.Payments.Persistence;
using Parley.Persistence;
using Parley.Persistence.Conventions;
using Parley.SharedKernel;

namespace Parley.Modules.Payments.Ledger;

/// <summary>An entry as posted (or as first posted, on a replay) and the account's balance right after it.</summary>
public sealed record PostedEntry(LedgerEntry Entry, Buckets BalanceAfter, bool Replayed);

/// <summary>
/// Appends one entry and moves the projection atomically. Optimistic concurrency on the projection row means two
/// writers on one account never lose an update: the loser reloads and tries again. The idempotency key is checked on
/// every attempt, so a retried or concurrent duplicate request gets the first result back.
/// </summary>
/// <remarks>
/// The hot path of the payment API, so it costs two round trips: one query reads the projection together with any
/// entry already posted under the key, and one statement moves the projection (only if its version is still the one
/// read) and inserts the entry. A lost race is an ordinary outcome (nothing written, nothing logged), not an error.
/// On PostgreSQL both run as plain Npgsql commands on a pooled connection, with no DbContext built unless a replay or
/// the caller needs one: building a DbContext and its services was ~20 % of the web host's CPU per payment (perf).
/// </remarks>
public sealed class LedgerWriter(IServiceProvider services, DatabaseSettings settings)
{
    private const int MaxAttempts = 50;
    private const int SqliteUniqueConstraint = 2067;
    private const int SqlitePrimaryKeyConstraint = 1555;

    // A compiled query is bound to the model it first ran with, and each provider has its own model.
    private static readonly ConcurrentDictionary<IModel, Func<ParleyDbContext, AccountId, string, CancellationToken, Task<EfSnapshot?>>> LoadQueries = new();

    // Resolved on first use only: the PostgreSQL payment path never needs it.
    private ParleyDbContext Db => field ??= services.GetRequiredService<ParleyDbContext>();

    /// <summary>Posts outside any transaction; refuses a caller's open transaction, which it could not retry in.</summary>
    public Task<PostedEntry> PostAsync(
        AccountId accountId,
        string idempotencyKey,
        string? requestHash,
        Func<LedgerAccount, Task<LedgerEntry>> post,
        CancellationToken cancellationToken)
    {
        if (Db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("The ledger writer commits each posting itself; call it outside a transaction.");
        }

        return PostStandaloneAsync(accountId, idempotencyKey, requestHash, post, cancellationToken);
    }

    /// <summary>
    /// <see cref="PostAsync"/> for a caller whose scope has opened no transaction (an API request's own handler), so
    /// there is nothing to check and, on PostgreSQL, no DbContext to build.
    /// </summary>
    internal async Task<PostedEntry> PostStandaloneAsync(
        AccountId accountId,
        string idempotencyKey,
        string? requestHash,
        Func<LedgerAccount, Task<LedgerEntry>> post,
        CancellationToken cancellationToken)
    {
        // One pooled connection for the whole posting instead of one per command.
        await using var postgres = settings.Provider == DatabaseProvider.Postgres ? new NpgsqlConnection(settings.ConnectionString) : null;
        if (postgres is not null)
        {
            await postgres.OpenAsync(cancellationToken);
        }
        else
        {
            await Db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var snapshot = await LoadAsync(postgres, accountId, idempotencyKey, cancellationToken)
                    ?? throw new DomainException(new LedgerAccountNotFound(accountId));
                if (snapshot.ExistingId is { } existingId)
                {
                    if (snapshot.ExistingRequestHash != requestHash)
                    {
                        throw new DomainException(new IdempotencyKeyReused(idempotencyKey));
                    }

                    var existing = snapshot.Existing ?? await Db.Set<LedgerEntry>().AsNoTracking().SingleAsync(e => e.Id == existingId, cancellationToken);
                    return new PostedEntry(existing, await BalanceAfterAsync(existing, cancellationToken), Replayed: true);
                }

                var account = snapshot.Account;
                var readVersion = account.Version;
                var outstandingBefore = account.OutstandingMinor;
                var entry = await post(account);
                var standing = StandingEvents.For(entry, outstandingBefore, account.OutstandingMinor);
                if (await TryAppendAsync(postgres, account, readVersion, entry, standing, cancellationToken))
                {
                    return new PostedEntry(entry, account.Balance, Replayed: false);
                }

                if (attempt == MaxAttempts)
                {
                    throw new InvalidOperationException($"Account {accountId} changed under {MaxAttempts} attempts in a row to post '{idempotencyKey}'.");
                }

                // The winner has committed by now, so the first retry reads its result at once; later ones spread out.
                if (attempt > 1)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * Math.Min(attempt, 10))), cancellationToken);
                }
            }
        }
        finally
        {
            if (postgres is null)
            {
                await Db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>The balance right after an entry: the sum of it and every earlier entry.</summary>
    public async Task<Buckets> BalanceAfterAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        var sum = await Db.Set<LedgerEntry>()
            .Where(e => e.AccountId == entry.AccountId && e.Sequence <= entry.Sequence)
            .GroupBy(e => e.AccountId)
            .Select(g => new
            {
                Principal = g.Sum(e => e.PrincipalMinor),
                Interest = g.Sum(e => e.InterestMinor),
                Fees = g.Sum(e => e.FeesMinor),
                Credit = g.Sum(e => e.CreditMinor),
            })
            .SingleAsync(cancellationToken);
        return new(sum.Principal, sum.Interest, sum.Fees, sum.Credit);
    }

    /// <summary>The projection and the entry already posted on it under the key, if any, in one round trip.</summary>
    private async Task<Snapshot?> LoadAsync(NpgsqlConnection? postgres, AccountId accountId, string key, CancellationToken cancellationToken)
    {
        if (postgres is not null)
        {
            return await LoadPostgresAsync(postgres, accountId, key, cancellationToken);
        }

        var load = LoadQueries.GetOrAdd(Db.Model, _ => CompileLoad());
        return await load(Db, accountId, key, cancellationToken) is { } found ? new Snapshot(found.Account, found.Existing?.Id, found.Existing?.RequestHash, found.Existing) : null;
    }

    private static Func<ParleyDbContext, AccountId, string, CancellationToken, Task<EfSnapshot?>> CompileLoad() =>
        EF.CompileAsyncQuery((ParleyDbContext context, AccountId accountId, string key, CancellationToken _) =>
            (from a in context.Set<LedgerAccount>().AsNoTracking()
             where a.AccountId == accountId
             from e in context.Set<LedgerEntry>().AsNoTracking().Where(e => e.AccountId == a.AccountId && e.IdempotencyKey == key).DefaultIfEmpty()
             select new EfSnapshot(a, e))
            .SingleOrDefault());

    private static async Task<Snapshot?> LoadPostgresAsync(NpgsqlConnection connection, AccountId accountId, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PostgresSql.Load, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = accountId.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SingleRow, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var account = LedgerAccount.Restore(
            accountId,
            Currency.FromCode(reader.GetString(0)),
            reader.GetString(1),
            new Buckets(reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)),
            reader.GetInt64(6),
            new Buckets(reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), 0),
            reader.GetInt64(10),
            reader.GetInt64(11));
        return reader.IsDBNull(12)
            ? new Snapshot(account, null, null, null)
            : new Snapshot(account, LedgerEntryId.From(reader.GetGuid(12)), reader.IsDBNull(13) ? null : reader.GetString(13), null);
    }

    /// <summary>
    /// Writes the account's new state and the entry if the account is still at <paramref name="readVersion"/>; false
    /// when another writer got there first (or took one of the entry's unique keys), with nothing written.
    /// </summary>
    private async Task<bool> TryAppendAsync(NpgsqlConnection? postgres, LedgerAccount account, long readVersion, LedgerEntry entry, StandingEvent? standing, CancellationToken cancellationToken)
    {
        try
        {
            return postgres is not null
                ? await AppendPostgresAsync(postgres, account, readVersion, entry, standing, cancellationToken) == 1
                : await AppendSqliteAsync((SqliteConnection)Db.Database.GetDbConnection(), account, readVersion, entry, standing, cancellationToken);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            return false;
        }
    }

    private static bool IsUniqueViolation(DbException e) => e switch
    {
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException s => s.SqliteExtendedErrorCode is SqliteUniqueConstraint or SqlitePrimaryKeyConstraint,
        _ => false,
    };

    /// <summary>One statement, so atomic without BEGIN/COMMIT round trips; returns the number of entries inserted.</summary>
    private static async Task<int> AppendPostgresAsync(NpgsqlConnection connection, LedgerAccount a, long readVersion, LedgerEntry e, StandingEvent? standing, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(standing is null ? PostgresSql.Append : PostgresSql.AppendWithEvent, connection);
        var p = command.Parameters;
        p.Add(new() { Value = a.AccountId.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        p.Add(new() { Value = readVersion, NpgsqlDbType = NpgsqlDbType.Bigint });
        p.Add(new() { Value = a.Waterfall, NpgsqlDbType = NpgsqlDbType.Text });
        AddBigints(p, a.PrincipalMinor, a.InterestMinor, a.FeesMinor, a.CreditMinor, a.OutstandingMinor,
            a.PlacedPrincipalMinor, a.PlacedInterestMinor, a.PlacedFeesMinor, a.EntryCount, a.Version);
        p.Add(new() { Value = e.Id.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        AddBigints(p, e.Sequence);
        p.Add(new() { Value = e.Kind.Name(), NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = e.Currency.Code, NpgsqlDbType = NpgsqlDbType.Text });
        AddBigints(p, e.PrincipalMinor, e.InterestMinor, e.FeesMinor, e.CreditMinor, e.AmountMinor);
        p.Add(new() { Value = e.OccurredAt.ToDateTimeUtc(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        p.Add(new() { Value = e.RecordedAt.ToDateTimeUtc(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        p.Add(new() { Value = e.IdempotencyKey, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = (object?)e.RequestHash ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = (object?)e.ReversesEntryId?.Value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        p.Add(new() { Value = (object?)e.Provider ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = (object?)e.ProviderReference ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = (object?)e.Method ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = e.Description, NpgsqlDbType = NpgsqlDbType.Text });
        if (standing is not null)
        {
            p.Add(new() { Value = standing.Id, NpgsqlDbType = NpgsqlDbType.Uuid });
            p.Add(new() { Value = StandingEvents.Type, NpgsqlDbType = NpgsqlDbType.Text });
            p.Add(new() { Value = standing.Payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
            p.Add(new() { Value = standing.OccurredAt.ToDateTimeUtc(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
            p.Add(new() { Value = standing.IdempotencyKey, NpgsqlDbType = NpgsqlDbType.Text });
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddBigints(NpgsqlParameterCollection parameters, params ReadOnlySpan<long> values)
    {
        foreach (var value in values)
        {
            parameters.Add(new NpgsqlParameter<long> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Bigint });
        }
    }

    /// <summary>SQLite has no writable CTEs: the update, the insert and any standing event share a transaction; true when written.</summary>
    private static async Task<bool> AppendSqliteAsync(SqliteConnection connection, LedgerAccount a, long readVersion, LedgerEntry e, StandingEvent? standing, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SqliteSql.Append;
        var p = command.Parameters;
        p.AddWithValue("$account", SqliteStorageFormat.Guid(a.AccountId.Value));
        p.AddWithValue("$read_version", readVersion);
        p.AddWithValue("$waterfall", a.Waterfall);
        p.AddWithValue("$principal", a.PrincipalMinor);
        p.AddWithValue("$interest", a.InterestMinor);
        p.AddWithValue("$fees", a.FeesMinor);
        p.AddWithValue("$credit", a.CreditMinor);
        p.AddWithValue("$outstanding", a.OutstandingMinor);
        p.AddWithValue("$placed_principal", a.PlacedPrincipalMinor);
        p.AddWithValue("$placed_interest", a.PlacedInterestMinor);
        p.AddWithValue("$placed_fees", a.PlacedFeesMinor);
        p.AddWithValue("$entry_count", a.EntryCount);
        p.AddWithValue("$version", a.Version);
        p.AddWithValue("$id", SqliteStorageFormat.Guid(e.Id.Value));
        p.AddWithValue("$sequence", e.Sequence);
        p.AddWithValue("$kind", e.Kind.Name());
        p.AddWithValue("$currency", e.Currency.Code);
        p.AddWithValue("$d_principal", e.PrincipalMinor);
        p.AddWithValue("$d_interest", e.InterestMinor);
        p.AddWithValue("$d_fees", e.FeesMinor);
        p.AddWithValue("$d_credit", e.CreditMinor);
        p.AddWithValue("$amount", e.AmountMinor);
        p.AddWithValue("$occurred", SqliteStorageFormat.Instant(e.OccurredAt));
        p.AddWithValue("$recorded", SqliteStorageFormat.Instant(e.RecordedAt));
        p.AddWithValue("$key", e.IdempotencyKey);
        p.AddWithValue("$request_hash", (object?)e.RequestHash ?? DBNull.Value);
        p.AddWithValue("$reverses", e.ReversesEntryId is { } reverses ? SqliteStorageFormat.Guid(reverses.Value) : DBNull.Value);
        p.AddWithValue("$provider", (object?)e.Provider ?? DBNull.Value);
        p.AddWithValue("$provider_reference", (object?)e.ProviderReference ?? DBNull.Value);
        p.AddWithValue("$method", (object?)e.Method ?? DBNull.Value);
        p.AddWithValue("$description", e.Description);
        var written = await command.ExecuteNonQueryAsync(cancellationToken) == 2;
        if (written && standing is not null)
        {
            await using var outbox = connection.CreateCommand();
            outbox.Transaction = transaction;
            outbox.CommandText = SqliteSql.InsertEvent;
            outbox.Parameters.AddWithValue("$id", SqliteStorageFormat.Guid(standing.Id));
            outbox.Parameters.AddWithValue("$type", StandingEvents.Type);
            outbox.Parameters.AddWithValue("$payload", standing.Payload);
            outbox.Parameters.AddWithValue("$occurred", SqliteStorageFormat.Instant(standing.OccurredAt));
            outbox.Parameters.AddWithValue("$key", standing.IdempotencyKey);
            await outbox.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    private sealed record EfSnapshot(LedgerAccount Account, LedgerEntry? Existing);

    /// <summary>The projection as read, and the id and request hash of an entry already posted under the key (the entry itself when already loaded).</summary>
    private sealed record Snapshot(LedgerAccount Account, LedgerEntryId? ExistingId, string? ExistingRequestHash, LedgerEntry? Existing);

    private static class PostgresSql
    {
        // Parameters by position ($n): Npgsql sends the text as it is, without rewriting named parameters.
        public const string Load = $"""
            SELECT a."Currency", a."Waterfall", a."PrincipalMinor", a."InterestMinor", a."FeesMinor", a."CreditMinor", a."OutstandingMinor",
                   a."PlacedPrincipalMinor", a."PlacedInterestMinor", a."PlacedFeesMinor", a."EntryCount", a."Version", e."Id", e."RequestHash"
              FROM {PaymentsTables.Accounts} AS a
              LEFT JOIN {PaymentsTables.Entries} AS e ON e."AccountId" = a."AccountId" AND e."IdempotencyKey" = $2
             WHERE a."AccountId" = $1
            """;

        public const string Append = $"""
            WITH moved AS (
                UPDATE {PaymentsTables.Accounts} SET
                    "Waterfall" = $3, "PrincipalMinor" = $4, "InterestMinor" = $5, "FeesMinor" = $6, "CreditMinor" = $7,
                    "OutstandingMinor" = $8, "PlacedPrincipalMinor" = $9, "PlacedInterestMinor" = $10, "PlacedFeesMinor" = $11,
                    "EntryCount" = $12, "Version" = $13
                 WHERE "AccountId" = $1 AND "Version" = $2
                RETURNING "AccountId")
            INSERT INTO {PaymentsTables.Entries} ("Id", "AccountId", "Sequence", "Kind", "Currency", "PrincipalMinor", "InterestMinor",
                "FeesMinor", "CreditMinor", "AmountMinor", "OccurredAt", "RecordedAt", "IdempotencyKey", "RequestHash",
                "ReversesEntryId", "Provider", "ProviderReference", "Method", "Description")
            SELECT $14, "AccountId", $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31 FROM moved
            """;

        // As Append, with the standing event in the same statement: it exists exactly when the entry does.
        public const string AppendWithEvent = $"""
            WITH moved AS (
                UPDATE {PaymentsTables.Accounts} SET
                    "Waterfall" = $3, "PrincipalMinor" = $4, "InterestMinor" = $5, "FeesMinor" = $6, "CreditMinor" = $7,
                    "OutstandingMinor" = $8, "PlacedPrincipalMinor" = $9, "PlacedInterestMinor" = $10, "PlacedFeesMinor" = $11,
                    "EntryCount" = $12, "Version" = $13
                 WHERE "AccountId" = $1 AND "Version" = $2
                RETURNING "AccountId"),
            entry AS (
                INSERT INTO {PaymentsTables.Entries} ("Id", "AccountId", "Sequence", "Kind", "Currency", "PrincipalMinor", "InterestMinor",
                    "FeesMinor", "CreditMinor", "AmountMinor", "OccurredAt", "RecordedAt", "IdempotencyKey", "RequestHash",
                    "ReversesEntryId", "Provider", "ProviderReference", "Method", "Description")
                SELECT $14, "AccountId", $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31 FROM moved
                RETURNING "Id")
            INSERT INTO outbox_messages ("Id", "Type", "Payload", "OccurredAt", "IdempotencyKey", "Attempts")
            SELECT $32, $33, $34, $35, $36, 0 FROM entry
            """;
    }

    private static class SqliteSql
    {
        // changes() is the row count of the UPDATE just before: the entry goes in only when the version still matched.
        public const string Append = $"""
            UPDATE {PaymentsTables.Accounts} SET
                "Waterfall" = $waterfall, "PrincipalMinor" = $principal, "InterestMinor" = $interest, "FeesMinor" = $fees,
                "CreditMinor" = $credit, "OutstandingMinor" = $outstanding, "PlacedPrincipalMinor" = $placed_principal,
                "PlacedInterestMinor" = $placed_interest, "PlacedFeesMinor" = $placed_fees, "EntryCount" = $entry_count, "Version" = $version
             WHERE "AccountId" = $account AND "Version" = $read_version;
            INSERT INTO {PaymentsTables.Entries} ("Id", "AccountId", "Sequence", "Kind", "Currency", "PrincipalMinor", "InterestMinor",
                "FeesMinor", "CreditMinor", "AmountMinor", "OccurredAt", "RecordedAt", "IdempotencyKey", "RequestHash",
                "ReversesEntryId", "Provider", "ProviderReference", "Method", "Description")
            SELECT $id, $account, $sequence, $kind, $currency, $d_principal, $d_interest, $d_fees, $d_credit, $amount, $occurred,
                   $recorded, $key, $request_hash, $reverses, $provider, $provider_reference, $method, $description
             WHERE changes() = 1;
            """;

        public const string InsertEvent = """
            INSERT INTO outbox_messages ("Id", "Type", "Payload", "OccurredAt", "IdempotencyKey", "Attempts")
            VALUES ($id, $type, $payload, $occurred, $key, 0);
            """;
    }
}
