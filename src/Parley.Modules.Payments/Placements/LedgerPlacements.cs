using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.Persistence;
using Parley.Persistence.Conventions;
using Parley.SharedKernel;

namespace Parley.Modules.Payments.Placements;

/// <summary>
/// Applies placement balances set-based inside the caller's transaction. Every entry is computed once, by the domain
/// (<see cref="LedgerAccount.Place"/>: a new account opens with one charge, a restated one gets one adjustment of
/// new stated − previously stated, an unchanged one nothing), and a repeated idempotency key changes nothing; the
/// projections and entries are then written through the bulk writer, whose columns come from the EF model.
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
        await InTransactionAsync(async () =>
        {
            if (db.Provider == DatabaseProvider.Sqlite)
            {
                // A 64 MiB page cache keeps a large re-import's dirty index pages in memory instead of spilling them mid-transaction.
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -65536", cancellationToken);
            }

            var ids = balances.Select(b => b.AccountId).Distinct().ToList();
            var existing = await LockAccountsAsync(ids, cancellationToken);
            var used = await UsedKeysAsync(existing, balances.Select(b => b.IdempotencyKey).ToHashSet(StringComparer.Ordinal), cancellationToken);
            var accounts = existing.ToDictionary(a => a.AccountId);
            var entriesBefore = existing.ToDictionary(a => a.AccountId, a => a.EntryCount);
            var opened = new List<LedgerAccount>();
            var entries = new List<LedgerEntry>(balances.Count);
            foreach (var b in balances)
            {
                // In file order: a key seen before (stored, or earlier in the batch) changes nothing.
                if (!used.Add((b.AccountId, b.IdempotencyKey)))
                {
                    continue;
                }

                if (!accounts.TryGetValue(b.AccountId, out var account))
                {
                    account = new LedgerAccount(b.AccountId, b.Currency, b.Waterfall);
                    accounts.Add(b.AccountId, account);
                    opened.Add(account);
                }
                else if (account.Currency != b.Currency)
                {
                    throw new DomainException(new CurrencyMismatch(account.Currency, b.Currency.Code));
                }

                if (account.Place(b.PrincipalMinor, b.InterestMinor, b.FeesMinor, Posting(b, recordedAt, opening: account.EntryCount == 0)) is { } entry)
                {
                    entries.Add(entry);
                }
            }

            var restated = existing.Where(a => a.EntryCount != entriesBefore[a.AccountId]).ToList();
            var bulk = BulkWriter.For(db);
            await bulk.InsertAsync(opened, cancellationToken);
            await bulk.UpdateAsync(restated, ProjectionFields, cancellationToken);
            await bulk.InsertAsync(entries, cancellationToken);
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
        var accounts = new List<LedgerAccount>(balances.Count);
        var entries = new List<LedgerEntry>(balances.Count);
        foreach (var b in balances)
        {
            var account = new LedgerAccount(b.AccountId, b.Currency, b.Waterfall);
            entries.Add(account.Place(b.PrincipalMinor, b.InterestMinor, b.FeesMinor, Posting(b, recordedAt, opening: true))!);
            accounts.Add(account);
        }

        await InTransactionAsync(async () =>
        {
            var bulk = BulkWriter.For(db);
            await bulk.InsertAsync(accounts, cancellationToken);
            await bulk.InsertAsync(entries, cancellationToken);
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

    /// <summary>What a placement moves on a ledger it restates: the balance, the stated figures, the count and version.</summary>
    private static readonly string[] ProjectionFields =
    [
        nameof(LedgerAccount.PrincipalMinor), nameof(LedgerAccount.InterestMinor), nameof(LedgerAccount.FeesMinor), nameof(LedgerAccount.CreditMinor),
        nameof(LedgerAccount.OutstandingMinor), nameof(LedgerAccount.PlacedPrincipalMinor), nameof(LedgerAccount.PlacedInterestMinor),
        nameof(LedgerAccount.PlacedFeesMinor), nameof(LedgerAccount.EntryCount), nameof(LedgerAccount.Version),
    ];

    private static Posting Posting(PlacementBalance b, Instant recordedAt, bool opening) =>
        new(b.IdempotencyKey, b.At, recordedAt, opening ? OpeningDescription : RestatedDescription);

    /// <summary>
    /// The ledgers that already exist among these accounts. PostgreSQL locks them (in key order, so two imports cannot
    /// deadlock) until the batch commits, so a payment cannot land between this read and the write of balances computed
    /// from it; SQLite's write transaction already excludes every other writer.
    /// </summary>
    private async Task<List<LedgerAccount>> LockAccountsAsync(List<AccountId> ids, CancellationToken cancellationToken)
    {
        var accounts = new List<LedgerAccount>(ids.Count);
        foreach (var chunk in ids.Chunk(10_000))
        {
            if (db.Provider == DatabaseProvider.Postgres)
            {
                var table = BulkWriter.For(db).Table<LedgerAccount>();
                var key = table.Column(nameof(LedgerAccount.AccountId));
                var values = chunk.Select(id => id.Value).ToArray();
                // Identifiers come from the model; the ids go as a parameter.
                var sql = "SELECT * FROM " + table.QuotedName + " WHERE " + key + " = ANY({0}) ORDER BY " + key + " FOR UPDATE";
                accounts.AddRange(await db.Set<LedgerAccount>()
                    .FromSqlRaw(sql, values)
                    .AsNoTracking().ToListAsync(cancellationToken));
            }
            else
            {
                var list = chunk.ToList();
                // One JSON parameter: SQLite looks each named parameter up by a linear search, so thousands of them cost quadratic time.
                accounts.AddRange(await db.Set<LedgerAccount>().AsNoTracking().Where(a => EF.Parameter(list).Contains(a.AccountId)).ToListAsync(cancellationToken));
            }
        }

        return accounts;
    }

    /// <summary>
    /// The (account, idempotency key) pairs among these that the existing ledgers already hold. Filtered by account
    /// only (one array parameter): SQLite probes an index for every pair of two IN lists, so keys are matched here instead.
    /// </summary>
    private async Task<HashSet<(AccountId, string)>> UsedKeysAsync(List<LedgerAccount> existing, HashSet<string> keys, CancellationToken cancellationToken)
    {
        var used = new HashSet<(AccountId, string)>();
        foreach (var chunk in existing.Chunk(10_000))
        {
            var list = chunk.Select(a => a.AccountId).ToList();
            var found = await db.Set<LedgerEntry>().AsNoTracking()
                .Where(e => EF.Parameter(list).Contains(e.AccountId))
                .Select(e => new { e.AccountId, e.IdempotencyKey })
                .ToListAsync(cancellationToken);
            used.UnionWith(found.Where(f => keys.Contains(f.IdempotencyKey)).Select(f => (f.AccountId, f.IdempotencyKey)));
        }

        return used;
    }

    private async Task InTransactionAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await work();
            return;
        }

        await using var owned = await db.Database.BeginTransactionAsync(cancellationToken);
        await work();
        await owned.CommitAsync(cancellationToken);
    }
}
