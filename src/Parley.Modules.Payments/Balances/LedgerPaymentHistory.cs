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
    public async Task<IReadOnlyList<LedgerPayment>> SinceAsync(AccountId accountId, Instant since, CancellationToken cancellationToken)
    {
        var payments = await db.Set<LedgerEntry>().AsNoTracking()
            .Where(e => e.AccountId == accountId && e.Kind == LedgerEntryKind.Payment && e.OccurredAt >= since)
            .Select(e => new { e.Id, e.AmountMinor, e.Currency, e.OccurredAt, e.Sequence })
            .ToListAsync(cancellationToken);
        var reversals = await db.Set<LedgerEntry>().AsNoTracking()
            .Where(e => e.AccountId == accountId && e.Kind == LedgerEntryKind.Reversal && e.ReversesEntryId != null)
            .Select(e => new { Reverses = e.ReversesEntryId!.Value, e.OccurredAt })
            .ToListAsync(cancellationToken);
        var reversedAt = reversals.GroupBy(r => r.Reverses).ToDictionary(g => g.Key, g => g.Min(r => r.OccurredAt));
        return [.. payments
            .OrderBy(p => p.OccurredAt).ThenBy(p => p.Sequence)
            .Select(p => new LedgerPayment(p.Id, Money.FromMinorUnits(p.AmountMinor, p.Currency), p.OccurredAt, reversedAt.TryGetValue(p.Id, out var at) ? at : null))];
    }
}
