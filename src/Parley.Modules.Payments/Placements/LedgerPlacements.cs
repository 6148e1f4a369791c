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
            var reader = BulkReader.For(db);
            // Locked in key order on PostgreSQL until the batch commits, so no payment lands between this read and the
            // write of balances computed from it; SQLite's write transaction already excludes every other writer.
            var existing = await reader.FindAsync<LedgerAccount, AccountId>(ids, lockRows: true, cancellationToken);
            var accounts = existing.ToDictionary(a => a.AccountId);
            var entriesBefore = existing.ToDictionary(a => a.AccountId, a => a.EntryCount);
            var stored = await StoredKeysAsync(reader, balances, accounts, cancellationToken);
            var seen = new HashSet<(AccountId, string)>(balances.Count);
            var opened = new List<LedgerAccount>();
            var entries = new List<LedgerEntry>(balances.Count);
            for (var i = 0; i < balances.Count; i++)
            {
                var b = balances[i];
                // In file order: a key seen before (stored, or earlier in the batch) changes nothing.
                if (stored[i] || !seen.Add((b.AccountId, b.IdempotencyKey)))
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
    /// Per balance, whether its ledger already holds an entry under its idempotency key: one probe of the unique
    /// (account, key) index per balance of a ledger that exists (a ledger opened by this batch holds none yet).
    /// </summary>
    private static async Task<bool[]> StoredKeysAsync(BulkReader reader, IReadOnlyList<PlacementBalance> balances, Dictionary<AccountId, LedgerAccount> existing, CancellationToken cancellationToken)
    {
        var stored = new bool[balances.Count];
        if (existing.Count == 0)
        {
            return stored;
        }

        var pairs = new List<(AccountId, string)>(balances.Count);
        var at = new List<int>(balances.Count);
        for (var i = 0; i < balances.Count; i++)
        {
            if (existing.ContainsKey(balances[i].AccountId))
            {
                pairs.Add((balances[i].AccountId, balances[i].IdempotencyKey));
                at.Add(i);
            }
        }

        var found = await reader.ContainsAsync<LedgerEntry, AccountId, string>(pairs, nameof(LedgerEntry.AccountId), nameof(LedgerEntry.IdempotencyKey), cancellationToken);
        for (var i = 0; i < found.Length; i++)
        {
            stored[at[i]] = found[i];
        }

        return stored;
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
