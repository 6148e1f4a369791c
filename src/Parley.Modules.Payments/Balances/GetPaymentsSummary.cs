using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Payments.Domain;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Payments.Balances;

/// <summary>Payments received in one currency since a moment, and how many of them were reversed (returned, charged back) since.</summary>
public sealed record PaymentsFigure(string Currency, int Payments, decimal Amount, int Reversed, decimal ReversedAmount);

public sealed record PaymentsFigures(Instant Since, IReadOnlyList<PaymentsFigure> ByCurrency);

/// <summary>The Payments module's share of the home page and <c>GET /api/portfolio/summary</c>: one GROUP BY per figure.</summary>
public sealed class GetPaymentsSummary(ParleyDbContext db)
{
    /// <summary>Payments that occurred at or after <paramref name="since"/>, per currency.</summary>
    public async Task<PaymentsFigures> HandleAsync(Instant since, CancellationToken cancellationToken)
    {
        var entries = db.Set<LedgerEntry>().AsNoTracking();
        var received = await entries
            .Where(e => e.Kind == LedgerEntryKind.Payment && e.OccurredAt >= since)
            .GroupBy(e => e.Currency)
            .Select(g => new { Currency = g.Key, Count = g.Count(), AmountMinor = g.Sum(e => e.AmountMinor) })
            .ToListAsync(cancellationToken);
        // A reversal counts in the week it happened, whenever the payment it undoes was made; its amount is that payment's.
        var reversed = await (
                from r in entries
                join p in entries on r.ReversesEntryId equals (LedgerEntryId?)p.Id
                where r.Kind == LedgerEntryKind.Reversal && p.Kind == LedgerEntryKind.Payment && r.OccurredAt >= since
                group p.AmountMinor by p.Currency into g
                select new { Currency = g.Key, Count = g.Count(), AmountMinor = g.Sum() })
            .ToListAsync(cancellationToken);

        var figures = received.Select(r => r.Currency).Union(reversed.Select(r => r.Currency))
            .OrderBy(c => c.Code, StringComparer.Ordinal)
            .Select(currency =>
            {
                var paid = received.SingleOrDefault(r => r.Currency == currency);
                var undone = reversed.SingleOrDefault(r => r.Currency == currency);
                return new PaymentsFigure(
                    currency.Code,
                    paid?.Count ?? 0,
                    Money.FromMinorUnits(paid?.AmountMinor ?? 0, currency).Amount,
                    undone?.Count ?? 0,
                    Money.FromMinorUnits(undone?.AmountMinor ?? 0, currency).Amount);
            })
            .ToList();
        return new PaymentsFigures(since, figures);
    }
}
