using Microsoft.EntityFrameworkCore;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Payments.Balances;

/// <summary>The Payments module's share of the home page and <c>GET /api/portfolio/summary</c>: one GROUP BY per figure.</summary>
public sealed class GetPaymentsSummary(ParleyDbContext db, IAccountCreditors accounts) : IUseCase<GetPaymentsSummaryRequest, PaymentsFigures>
{
    /// <summary>Payments that occurred at or after the request's instant, per currency, on the accounts of the creditors the actor works for.</summary>
    public async Task<PaymentsFigures> HandleAsync(Actor actor, GetPaymentsSummaryRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read the payments summary", []);
        var since = request.Since;
        var entries = db.Set<LedgerEntry>().AsNoTracking();
        if (actor.Creditors.Named is { } creditors)
        {
            // One query still: the accounts in scope are a subquery on the same DbContext.
            var visible = accounts.AccountsOf([.. creditors]);
            entries = entries.Where(e => visible.Contains(e.AccountId));
        }

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
