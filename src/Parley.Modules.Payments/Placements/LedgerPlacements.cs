using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
using Npgsql;
using NpgsqlTypes;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.Modules.Payments.Persistence;
using Parley.Persistence;
using Parley.Persistence.Conventions;
using Parley.SharedKernel;

namespace Parley.Modules.Payments.Placements;

/// <summary>
/// Applies placement balances set-based inside the caller's transaction, with the same rules as
/// <see cref="LedgerAccount.Place"/>: a new account opens with one charge, a restated one gets one adjustment of
/// (new stated − previously stated), and a repeated idempotency key changes nothing.
/// </summary>
internal sealed class LedgerPlacements(ParleyDbContext db, IClock clock) : ILedgerPlacements
{
    private const string OpeningDescription = "Opening balance from placement";
    private const string RestatedDescription = "Creditor restated balance";

    public async Task ApplyAsync(IReadOnlyList<PlacementBalance> balances, CancellationToken cancellationToken)
    {
        if (balances.Count == 0)
        {
            return;
        }

        Validate(balances);
        var recordedAt = clock.GetCurrentInstant();
        await InTransactionAsync(async (connection, transaction) =>
        {
            foreach (var wave in Waves(balances))
            {
                if (db.Provider == DatabaseProvider.Postgres)
                {
                    await ApplyPostgresAsync((NpgsqlConnection)connection, wave, recordedAt, cancellationToken);
                }
                else
                {
                    ApplySqlite((SqliteConnection)connection, (SqliteTransaction)transaction, wave, recordedAt);
                }
            }
        }, cancellationToken);
    }

    public async Task OpenAsync(IReadOnlyList<PlacementBalance> balances, CancellationToken cancellationToken)
    {
        if (balances.Count == 0)
        {
            return;
        }

        Validate(balances);
        var recordedAt = clock.GetCurrentInstant();
        await InTransactionAsync(async (connection, transaction) =>
        {
            if (db.Provider == DatabaseProvider.Postgres)
            {
                await OpenPostgresAsync((NpgsqlConnection)connection, balances, recordedAt, cancellationToken);
            }
            else
            {
                OpenSqlite((SqliteConnection)connection, (SqliteTransaction)transaction, balances, recordedAt);
            }
        }, cancellationToken);
    }

    public async Task SetWaterfallAsync(IReadOnlyList<AccountId> accounts, AllocationWaterfall waterfall, CancellationToken cancellationToken)
    {
        var text = waterfall.ToString();
        foreach (var chunk in accounts.Distinct().Chunk(10_000))
        {
            var ids = chunk.ToList();
            await db.Set<LedgerAccount>()
                .Where(a => ids.Contains(a.AccountId))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Waterfall, text).SetProperty(a => a.Version, a => a.Version + 1), cancellationToken);
        }
    }

    private static void Validate(IReadOnlyList<PlacementBalance> balances)
    {
        foreach (var b in balances)
        {
            if (b.PrincipalMinor < 0 || b.InterestMinor < 0 || b.FeesMinor < 0)
            {
                throw new ArgumentException($"Placement balances must not be negative (account {b.AccountId}).", nameof(balances));
            }

            if (b.IdempotencyKey.Length is 0 or > LedgerEntry.IdempotencyKeyMaxLength)
            {
                throw new ArgumentException($"Placement idempotency keys must be 1 to 200 characters (account {b.AccountId}).", nameof(balances));
            }
        }
    }

    /// <summary>
    /// Splits a batch so no account appears twice in one set-based pass; later rows for an account land in later
    /// waves and apply in file order. A key repeated within the batch is kept once.
    /// </summary>
    internal static IEnumerable<IReadOnlyList<PlacementBalance>> Waves(IReadOnlyList<PlacementBalance> balances)
    {
        var seenKeys = new HashSet<(AccountId, string)>();
        var occurrences = new Dictionary<AccountId, int>();
        var waves = new List<List<PlacementBalance>>();
        foreach (var b in balances)
        {
            if (!seenKeys.Add((b.AccountId, b.IdempotencyKey)))
            {
                continue;
            }

            occurrences.TryGetValue(b.AccountId, out var wave);
            occurrences[b.AccountId] = wave + 1;
            if (wave == waves.Count)
            {
                waves.Add([]);
            }

            waves[wave].Add(b);
        }

        return waves;
    }

    private async Task InTransactionAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken cancellationToken)
    {
        var ambient = db.Database.CurrentTransaction;
        IDbContextTransaction? owned = null;
        try
        {
            owned = ambient is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            var transaction = (ambient ?? owned)!.GetDbTransaction();
            await work(db.Database.GetDbConnection(), transaction);
            if (owned is not null)
            {
                await owned.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
    }

    private static async Task ApplyPostgresAsync(NpgsqlConnection connection, IReadOnlyList<PlacementBalance> wave, Instant recordedAt, CancellationToken cancellationToken)
    {
        await using (var prepare = new NpgsqlCommand(PostgresSql.CreateStaging, connection))
        {
            await prepare.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var importer = await connection.BeginBinaryImportAsync(PostgresSql.Copy, cancellationToken))
        {
            foreach (var b in wave)
            {
                var total = checked(b.PrincipalMinor + b.InterestMinor + b.FeesMinor);
                importer.StartRow();
                importer.Write(b.AccountId.Value, NpgsqlDbType.Uuid);
                importer.Write(b.Currency.Code, NpgsqlDbType.Text);
                importer.Write(b.Waterfall.ToString(), NpgsqlDbType.Text);
                importer.Write(b.PrincipalMinor, NpgsqlDbType.Bigint);
                importer.Write(b.InterestMinor, NpgsqlDbType.Bigint);
                importer.Write(b.FeesMinor, NpgsqlDbType.Bigint);
                importer.Write(b.At.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
                importer.Write(b.IdempotencyKey, NpgsqlDbType.Text);
                importer.Write(LedgerEntryId.New().Value, NpgsqlDbType.Uuid);
                importer.Write(total, NpgsqlDbType.Bigint);
                importer.Write(b.PrincipalMinor, NpgsqlDbType.Bigint);
                importer.Write(b.InterestMinor, NpgsqlDbType.Bigint);
                importer.Write(b.FeesMinor, NpgsqlDbType.Bigint);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await using (var lockRestated = new NpgsqlCommand(PostgresSql.LockRestated, connection))
        {
            await lockRestated.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var classify = new NpgsqlCommand(PostgresSql.Classify, connection))
        {
            await using var reader = await classify.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                throw new DomainException(new CurrencyMismatch(Currency.FromCode(reader.GetString(0)), reader.GetString(1)));
            }
        }

        await using var apply = new NpgsqlCommand(PostgresSql.Apply, connection);
        apply.Parameters.Add(new NpgsqlParameter("recorded_at", NpgsqlDbType.TimestampTz) { Value = recordedAt.ToDateTimeUtc() });
        apply.Parameters.Add(new NpgsqlParameter("opening", NpgsqlDbType.Text) { Value = OpeningDescription });
        apply.Parameters.Add(new NpgsqlParameter("restated", NpgsqlDbType.Text) { Value = RestatedDescription });
        await apply.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task OpenPostgresAsync(NpgsqlConnection connection, IReadOnlyList<PlacementBalance> balances, Instant recordedAt, CancellationToken cancellationToken)
    {
        // Written in PostgreSQL's binary copy format straight into a buffer (PostgresBinaryCopy): no per-value type
        // resolution or state machine; only the 64 KiB flushes touch the network.
        var waterfalls = new WaterfallNames();
        await using (var accounts = await PostgresBinaryCopy.BeginAsync(connection, PostgresSql.CopyAccounts, 13, cancellationToken))
        {
            foreach (var b in balances)
            {
                var total = checked(b.PrincipalMinor + b.InterestMinor + b.FeesMinor);
                accounts.StartRow();
                accounts.Write(b.AccountId.Value);
                accounts.Write(b.Currency.Code);
                accounts.Write(waterfalls.Of(b.Waterfall));
                accounts.Write(b.PrincipalMinor);
                accounts.Write(b.InterestMinor);
                accounts.Write(b.FeesMinor);
                accounts.Write(0L);
                accounts.Write(total);
                accounts.Write(b.PrincipalMinor);
                accounts.Write(b.InterestMinor);
                accounts.Write(b.FeesMinor);
                accounts.Write(1L);
                accounts.Write(1L);
            }

            await accounts.CompleteAsync(cancellationToken);
        }

        var charge = LedgerEntryKind.Charge.Name();
        await using var entries = await PostgresBinaryCopy.BeginAsync(connection, PostgresSql.CopyOpeningEntries, 14, cancellationToken);
        foreach (var b in balances)
        {
            entries.StartRow();
            entries.Write(LedgerEntryId.New().Value);
            entries.Write(b.AccountId.Value);
            entries.Write(1L);
            entries.Write(charge);
            entries.Write(b.Currency.Code);
            entries.Write(b.PrincipalMinor);
            entries.Write(b.InterestMinor);
            entries.Write(b.FeesMinor);
            entries.Write(0L);
            entries.Write(checked(b.PrincipalMinor + b.InterestMinor + b.FeesMinor));
            entries.Write(b.At);
            entries.Write(recordedAt);
            entries.Write(b.IdempotencyKey);
            entries.Write(OpeningDescription);
        }

        await entries.CompleteAsync(cancellationToken);
    }

    /// <summary>A waterfall's stored text, formatted once per distinct waterfall (a batch's rows share their creditor's).</summary>
    private sealed class WaterfallNames
    {
        private AllocationWaterfall? _last;
        private string _text = "";

        public string Of(AllocationWaterfall waterfall)
        {
            if (!ReferenceEquals(waterfall, _last))
            {
                (_last, _text) = (waterfall, waterfall.ToString());
            }

            return _text;
        }
    }

    private static void OpenSqlite(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<PlacementBalance> balances, Instant recordedAt)
    {
        // Bound by position through SqliteBulkStatement: binding by name through SqliteCommand cost more than the inserts.
        using var openAccount = new SqliteBulkStatement(connection, transaction, SqliteSql.OpenAccountBulk, 6);
        using var insertEntry = new SqliteBulkStatement(connection, transaction, SqliteSql.InsertEntryBulk, 14);
        var recorded = SqliteStorageFormat.Instant(recordedAt);
        var charge = LedgerEntryKind.Charge.Name();
        foreach (var b in balances)
        {
            var account = b.AccountId.Value;
            openAccount.Bind(0, account);
            openAccount.Bind(1, b.Currency.Code);
            openAccount.Bind(2, b.Waterfall.ToString());
            openAccount.Bind(3, b.PrincipalMinor);
            openAccount.Bind(4, b.InterestMinor);
            openAccount.Bind(5, b.FeesMinor);
            openAccount.Execute();

            insertEntry.Bind(0, LedgerEntryId.New().Value);
            insertEntry.Bind(1, account);
            insertEntry.Bind(2, 1L);
            insertEntry.Bind(3, charge);
            insertEntry.Bind(4, b.Currency.Code);
            insertEntry.Bind(5, b.PrincipalMinor);
            insertEntry.Bind(6, b.InterestMinor);
            insertEntry.Bind(7, b.FeesMinor);
            insertEntry.Bind(8, 0L);
            insertEntry.Bind(9, checked(b.PrincipalMinor + b.InterestMinor + b.FeesMinor));
            insertEntry.Bind(10, b.At);
            insertEntry.Bind(11, recorded);
            insertEntry.Bind(12, b.IdempotencyKey);
            insertEntry.Bind(13, OpeningDescription);
            insertEntry.Execute();
        }
    }

    private static void ApplySqlite(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<PlacementBalance> wave, Instant recordedAt)
    {
        // A 64 MiB page cache keeps a large import's dirty index pages in memory instead of spilling them mid-transaction.
        using (var cache = SqliteSql.Command(connection, transaction, "PRAGMA cache_size = -65536"))
        {
            cache.ExecuteNonQuery();
        }

        using var lookup = SqliteSql.Command(connection, transaction, SqliteSql.Lookup, "$account", "$key");
        using var openAccount = SqliteSql.Command(connection, transaction, SqliteSql.OpenAccount, "$account", "$currency", "$waterfall", "$p", "$i", "$f");
        using var restateAccount = SqliteSql.Command(connection, transaction, SqliteSql.RestateAccount, "$account", "$dp", "$di", "$df", "$dc", "$p", "$i", "$f");
        using var insertEntry = SqliteSql.InsertEntryCommand(connection, transaction);
        var recorded = SqliteStorageFormat.Instant(recordedAt);
        foreach (var b in wave)
        {
            var account = SqliteStorageFormat.Guid(b.AccountId.Value);
            lookup.Parameters[0].Value = account;
            lookup.Parameters[1].Value = b.IdempotencyKey;
            var stated = new Buckets(b.PrincipalMinor, b.InterestMinor, b.FeesMinor, 0);
            LedgerEntryKind kind;
            Buckets deltas;
            long amount;
            long sequence;
            using (var reader = lookup.ExecuteReader())
            {
                if (!reader.Read())
                {
                    kind = LedgerEntryKind.Charge;
                    deltas = stated;
                    amount = checked(stated.Principal + stated.Interest + stated.Fees);
                    sequence = 1;
                }
                else
                {
                    if (reader.GetBoolean(0))
                    {
                        continue;
                    }

                    var currency = reader.GetString(1);
                    if (currency != b.Currency.Code)
                    {
                        throw new DomainException(new CurrencyMismatch(Currency.FromCode(currency), b.Currency.Code));
                    }

                    var balance = new Buckets(reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), 0);
                    var placed = new Buckets(reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), 0);
                    if (stated == placed)
                    {
                        continue;
                    }

                    var change = stated - placed;
                    kind = LedgerEntryKind.Adjustment;
                    deltas = Allocation.Restatement(balance, change);
                    amount = checked(change.Principal + change.Interest + change.Fees);
                    sequence = checked(reader.GetInt64(8) + 1);
                }
            }

            if (kind == LedgerEntryKind.Charge)
            {
                SqliteSql.Run(openAccount, account, b.Currency.Code, b.Waterfall.ToString(), b.PrincipalMinor, b.InterestMinor, b.FeesMinor);
            }
            else
            {
                SqliteSql.Run(restateAccount, account, deltas.Principal, deltas.Interest, deltas.Fees, deltas.Credit, b.PrincipalMinor, b.InterestMinor, b.FeesMinor);
            }

            SqliteSql.Run(insertEntry,
                SqliteStorageFormat.Guid(LedgerEntryId.New().Value), account, sequence, kind.Name(), b.Currency.Code,
                deltas.Principal, deltas.Interest, deltas.Fees, deltas.Credit,
                amount,
                SqliteStorageFormat.Instant(b.At), recorded, b.IdempotencyKey,
                kind == LedgerEntryKind.Charge ? OpeningDescription : RestatedDescription);
        }
    }

    private static class PostgresSql
    {
        public const string Staging = "payments_placement_staging";

        // ON COMMIT DROP: the staging table never outlives the import's transaction on a pooled connection.
        public const string CreateStaging = $"""
            CREATE TEMP TABLE IF NOT EXISTS {Staging} (
                account_id uuid NOT NULL, currency text NOT NULL, waterfall text NOT NULL,
                principal bigint NOT NULL, interest bigint NOT NULL, fees bigint NOT NULL,
                occurred_at timestamptz NOT NULL, idempotency_key text NOT NULL, entry_id uuid NOT NULL, amount bigint NOT NULL,
                is_new boolean NOT NULL DEFAULT true, changed boolean NOT NULL DEFAULT true, account_currency text,
                sequence bigint NOT NULL DEFAULT 1, d_principal bigint NOT NULL, d_interest bigint NOT NULL, d_fees bigint NOT NULL, d_credit bigint NOT NULL DEFAULT 0
            ) ON COMMIT DROP;
            TRUNCATE {Staging};
            """;

        public const string Copy = $"COPY {Staging} (account_id, currency, waterfall, principal, interest, fees, occurred_at, idempotency_key, entry_id, amount, d_principal, d_interest, d_fees) FROM STDIN (FORMAT BINARY)";

        public const string CopyAccounts = $"""
            COPY {PaymentsTables.Accounts} ("AccountId", "Currency", "Waterfall", "PrincipalMinor", "InterestMinor", "FeesMinor", "CreditMinor",
                "OutstandingMinor", "PlacedPrincipalMinor", "PlacedInterestMinor", "PlacedFeesMinor", "EntryCount", "Version") FROM STDIN (FORMAT BINARY)
            """;

        public const string CopyOpeningEntries = $"""
            COPY {PaymentsTables.Entries} ("Id", "AccountId", "Sequence", "Kind", "Currency", "PrincipalMinor", "InterestMinor", "FeesMinor",
                "CreditMinor", "AmountMinor", "OccurredAt", "RecordedAt", "IdempotencyKey", "Description") FROM STDIN (FORMAT BINARY)
            """;

        // Row locks on the accounts being restated, in key order, so a payment cannot commit between the read of the
        // balances below and the update that applies deltas computed from them.
        public const string LockRestated = $"""
            SELECT 1 FROM {PaymentsTables.Accounts} a
             WHERE a."AccountId" IN (SELECT account_id FROM {Staging})
             ORDER BY a."AccountId" FOR UPDATE OF a
            """;

        // Marks repeats, new accounts and each existing account's restatement deltas (the same rule as Allocation.Restatement);
        // returns the first currency mismatch, if any.
        public const string Classify = $"""
            ANALYZE {Staging};
            DELETE FROM {Staging} s USING {PaymentsTables.Entries} e
             WHERE e."AccountId" = s.account_id AND e."IdempotencyKey" = s.idempotency_key;
            UPDATE {Staging} s SET
                is_new = false,
                account_currency = a."Currency",
                sequence = a."EntryCount" + 1,
                changed = (s.principal, s.interest, s.fees) IS DISTINCT FROM (a."PlacedPrincipalMinor", a."PlacedInterestMinor", a."PlacedFeesMinor"),
                amount = (s.principal - a."PlacedPrincipalMinor") + (s.interest - a."PlacedInterestMinor") + (s.fees - a."PlacedFeesMinor"),
                d_principal = GREATEST(a."PrincipalMinor" + s.principal - a."PlacedPrincipalMinor", 0) - a."PrincipalMinor",
                d_interest = GREATEST(a."InterestMinor" + s.interest - a."PlacedInterestMinor", 0) - a."InterestMinor",
                d_fees = GREATEST(a."FeesMinor" + s.fees - a."PlacedFeesMinor", 0) - a."FeesMinor",
                d_credit = GREATEST(a."PlacedPrincipalMinor" - s.principal - a."PrincipalMinor", 0)
                         + GREATEST(a."PlacedInterestMinor" - s.interest - a."InterestMinor", 0)
                         + GREATEST(a."PlacedFeesMinor" - s.fees - a."FeesMinor", 0)
              FROM {PaymentsTables.Accounts} a
             WHERE a."AccountId" = s.account_id;
            SELECT account_currency, currency FROM {Staging} WHERE NOT is_new AND account_currency <> currency LIMIT 1;
            """;

        public const string Apply = $"""
            DELETE FROM {Staging} WHERE NOT changed;
            INSERT INTO {PaymentsTables.Accounts} ("AccountId", "Currency", "Waterfall", "PrincipalMinor", "InterestMinor", "FeesMinor",
                "CreditMinor", "OutstandingMinor", "PlacedPrincipalMinor", "PlacedInterestMinor", "PlacedFeesMinor", "EntryCount", "Version")
            SELECT account_id, currency, waterfall, principal, interest, fees, 0, principal + interest + fees, principal, interest, fees, 1, 1
              FROM {Staging} WHERE is_new;
            INSERT INTO {PaymentsTables.Entries} ("Id", "AccountId", "Sequence", "Kind", "Currency", "PrincipalMinor", "InterestMinor",
                "FeesMinor", "CreditMinor", "AmountMinor", "OccurredAt", "RecordedAt", "IdempotencyKey", "Description")
            SELECT entry_id, account_id, sequence, CASE WHEN is_new THEN 'charge' ELSE 'adjustment' END, currency,
                   d_principal, d_interest, d_fees, d_credit, amount, occurred_at, @recorded_at, idempotency_key,
                   CASE WHEN is_new THEN @opening ELSE @restated END
              FROM {Staging};
            UPDATE {PaymentsTables.Accounts} a SET
                "PrincipalMinor" = a."PrincipalMinor" + s.d_principal,
                "InterestMinor" = a."InterestMinor" + s.d_interest,
                "FeesMinor" = a."FeesMinor" + s.d_fees,
                "CreditMinor" = a."CreditMinor" + s.d_credit,
                "OutstandingMinor" = a."OutstandingMinor" + s.d_principal + s.d_interest + s.d_fees - s.d_credit,
                "PlacedPrincipalMinor" = s.principal,
                "PlacedInterestMinor" = s.interest,
                "PlacedFeesMinor" = s.fees,
                "EntryCount" = a."EntryCount" + 1,
                "Version" = a."Version" + 1
              FROM {Staging} s
             WHERE NOT s.is_new AND a."AccountId" = s.account_id;
            """;
    }

    private static class SqliteSql
    {
        public const string Lookup = $"""
            SELECT EXISTS (SELECT 1 FROM {PaymentsTables.Entries} e WHERE e."AccountId" = $account AND e."IdempotencyKey" = $key),
                   "Currency", "PrincipalMinor", "InterestMinor", "FeesMinor",
                   "PlacedPrincipalMinor", "PlacedInterestMinor", "PlacedFeesMinor", "EntryCount"
              FROM {PaymentsTables.Accounts} WHERE "AccountId" = $account
            """;

        public const string OpenAccount = $"""
            INSERT INTO {PaymentsTables.Accounts} ("AccountId", "Currency", "Waterfall", "PrincipalMinor", "InterestMinor", "FeesMinor",
                "CreditMinor", "OutstandingMinor", "PlacedPrincipalMinor", "PlacedInterestMinor", "PlacedFeesMinor", "EntryCount", "Version")
            VALUES ($account, $currency, $waterfall, $p, $i, $f, 0, $p + $i + $f, $p, $i, $f, 1, 1)
            """;

        public const string OpenAccountBulk = $"""
            INSERT INTO {PaymentsTables.Accounts} ("AccountId", "Currency", "Waterfall", "PrincipalMinor", "InterestMinor", "FeesMinor",
                "CreditMinor", "OutstandingMinor", "PlacedPrincipalMinor", "PlacedInterestMinor", "PlacedFeesMinor", "EntryCount", "Version")
            VALUES ($p0, $p1, $p2, $p3, $p4, $p5, 0, $p3 + $p4 + $p5, $p3, $p4, $p5, 1, 1)
            """;

        public const string InsertEntryBulk = $"""
            INSERT INTO {PaymentsTables.Entries} ("Id", "AccountId", "Sequence", "Kind", "Currency", "PrincipalMinor", "InterestMinor",
                "FeesMinor", "CreditMinor", "AmountMinor", "OccurredAt", "RecordedAt", "IdempotencyKey", "Description")
            VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, $p13)
            """;

        public const string RestateAccount = $"""
            UPDATE {PaymentsTables.Accounts} SET
                "PrincipalMinor" = "PrincipalMinor" + $dp, "InterestMinor" = "InterestMinor" + $di, "FeesMinor" = "FeesMinor" + $df,
                "CreditMinor" = "CreditMinor" + $dc, "OutstandingMinor" = "OutstandingMinor" + $dp + $di + $df - $dc,
                "PlacedPrincipalMinor" = $p, "PlacedInterestMinor" = $i, "PlacedFeesMinor" = $f,
                "EntryCount" = "EntryCount" + 1, "Version" = "Version" + 1
             WHERE "AccountId" = $account
            """;

        public const string InsertEntry = $"""
            INSERT INTO {PaymentsTables.Entries} ("Id", "AccountId", "Sequence", "Kind", "Currency", "PrincipalMinor", "InterestMinor",
                "FeesMinor", "CreditMinor", "AmountMinor", "OccurredAt", "RecordedAt", "IdempotencyKey", "Description")
            VALUES ($id, $account, $sequence, $kind, $currency, $dp, $di, $df, $dc, $amount, $occurred, $recorded, $key, $description)
            """;

        public static SqliteCommand InsertEntryCommand(SqliteConnection connection, SqliteTransaction transaction) =>
            Command(connection, transaction, InsertEntry,
                "$id", "$account", "$sequence", "$kind", "$currency", "$dp", "$di", "$df", "$dc", "$amount", "$occurred", "$recorded", "$key", "$description");

        public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            return command;
        }

        public static void Run(SqliteCommand command, params object[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i];
            }

            command.ExecuteNonQuery();
        }
    }
}
