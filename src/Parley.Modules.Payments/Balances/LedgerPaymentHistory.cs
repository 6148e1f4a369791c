using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Payments.Balances;

/// <summary>Payments and their reversals for other modules (the Arrangements module matches them to instalments).</summary>
internal sealed class LedgerPaymentHistory(ParleyDbContext db) : ILedgerPaymentHistory
{
    public async Task<IReadOnlyList<LedgerPayment>> SinceAsync(AccountId accountId, Instant since, CancellationToken cancellationToken) =>
        (await SinceManyAsync([accountId], since, cancellationToken))[accountId];

    public async Task<IReadOnlyDictionary<AccountId, IReadOnlyList<LedgerPayment>>> SinceManyAsync(IReadOnlyCollection<AccountId> accountIds, Instant since, CancellationToken cancellationToken)
    {
        var ids = accountIds.Distinct().ToList();
        var payments = await db.Set<LedgerEntry>().AsNoTracking()
            .Where(e => ids.Contains(e.AccountId) && e.Kind == LedgerEntryKind.Payment && e.OccurredAt >= since)
            .Select(e => new { e.AccountId, e.Id, e.AmountMinor, e.Currency, e.OccurredAt, e.Sequence })
            .ToListAsync(cancellationToken);
        var reversals = await db.Set<LedgerEntry>().AsNoTracking()
            .Where(e => ids.Contains(e.AccountId) && e.Kind == LedgerEntryKind.Reversal && e.ReversesEntryId != null)
            .Select(e => new { Reverses = e.ReversesEntryId!.Value, e.OccurredAt })
            .ToListAsync(cancellationToken);
        var reversedAt = reversals.GroupBy(r => r.Reverses).ToDictionary(g => g.Key, g => g.Min(r => r.OccurredAt));
        var byAccount = payments.ToLookup(p => p.AccountId);
        return ids.ToDictionary(id => id, IReadOnlyList<LedgerPayment> (id) => [.. byAccount[id]
            .OrderBy(p => p.OccurredAt).ThenBy(p => p.Sequence)
            .Select(p => new LedgerPayment(p.Id, Money.FromMinorUnits(p.AmountMinor, p.Currency), p.OccurredAt, reversedAt.TryGetValue(p.Id, out var at) ? at : null))]);
    }
}
