using Microsoft.EntityFrameworkCore;
using Parley.Modules.Payments.Domain;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Payments.Ledger;

/// <summary>An entry as posted (or as first posted, on a replay) and the account's balance right after it.</summary>
public sealed record PostedEntry(LedgerEntry Entry, Buckets BalanceAfter, bool Replayed);

/// <summary>
/// Appends one entry and moves the projection in one transaction. Optimistic concurrency on the projection row means
/// two writers on one account never lose an update: the loser reloads and tries again. The idempotency key is checked
/// on every attempt, so a retried or concurrent duplicate request gets the first result back.
/// </summary>
public sealed class LedgerWriter(ParleyDbContext db)
{
    private const int MaxAttempts = 50;

    public async Task<PostedEntry> PostAsync(
        AccountId accountId,
        string idempotencyKey,
        string? requestHash,
        Func<LedgerAccount, Task<LedgerEntry>> post,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var existing = await db.Set<LedgerEntry>().AsNoTracking()
                .SingleOrDefaultAsync(e => e.AccountId == accountId && e.IdempotencyKey == idempotencyKey, cancellationToken);
            if (existing is not null)
            {
                return existing.RequestHash == requestHash
                    ? new PostedEntry(existing, await BalanceAfterAsync(existing, cancellationToken), Replayed: true)
                    : throw new DomainException(new IdempotencyKeyReused(idempotencyKey));
            }

            var account = await db.Set<LedgerAccount>().SingleOrDefaultAsync(a => a.AccountId == accountId, cancellationToken)
                ?? throw new DomainException(new LedgerAccountNotFound(accountId));
            var entry = await post(account);
            db.Add(entry);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new PostedEntry(entry, account.Balance, Replayed: false);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another writer moved the projection (or took this key) first: back off a little, reload and decide again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * Math.Min(attempt, 10))), cancellationToken);
            }
        }
    }

    /// <summary>The balance right after an entry: the sum of it and every earlier entry.</summary>
    public async Task<Buckets> BalanceAfterAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        var sum = await db.Set<LedgerEntry>()
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
}
