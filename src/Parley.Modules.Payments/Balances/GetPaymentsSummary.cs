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
        var payments = entries.Where(e => e.Kind == LedgerEntryKind.Payment && e.OccurredAt >= since);
        // A reversal counts in the week it happened, whenever the payment it undoes was made; its amount is that payment's.
        var reversals =
            from r in entries
            join p in entries on r.ReversesEntryId equals (LedgerEntryId?)p.Id
            where r.Kind == LedgerEntryKind.Reversal && p.Kind == LedgerEntryKind.Payment && r.OccurredAt >= since
            select p;
        List<Sum> received, reversed;
        if (actor.Creditors.Named is not { } creditors)
        {
            received = await payments.GroupBy(e => e.Currency).Select(g => new Sum(g.Key, g.Count(), g.Sum(e => e.AmountMinor))).ToListAsync(cancellationToken);
            reversed = await reversals.GroupBy(e => e.Currency).Select(g => new Sum(g.Key, g.Count(), g.Sum(e => e.AmountMinor))).ToListAsync(cancellationToken);
        }
        else
        {
            // Per account first, then only the accounts of the actor's creditors: a week's paying accounts are few next to the portfolio.
            var paidBy = await ByAccountAsync(payments, cancellationToken);
            var reversedBy = await ByAccountAsync(reversals, cancellationToken);
            var owners = await accounts.GetManyAsync([.. paidBy.Select(p => p.AccountId).Union(reversedBy.Select(r => r.AccountId))], cancellationToken);
            bool Visible(AccountSum a) => owners.TryGetValue(a.AccountId, out var creditor) && creditors.Contains(creditor);
            received = [.. paidBy.Where(Visible).GroupBy(a => a.Currency).Select(g => new Sum(g.Key, g.Sum(a => a.Count), g.Sum(a => a.AmountMinor)))];
            reversed = [.. reversedBy.Where(Visible).GroupBy(a => a.Currency).Select(g => new Sum(g.Key, g.Sum(a => a.Count), g.Sum(a => a.AmountMinor)))];
        }

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

    private static Task<List<AccountSum>> ByAccountAsync(IQueryable<LedgerEntry> entries, CancellationToken cancellationToken) =>
        entries.GroupBy(e => new { e.AccountId, e.Currency })
            .Select(g => new AccountSum(g.Key.AccountId, g.Key.Currency, g.Count(), g.Sum(e => e.AmountMinor)))
            .ToListAsync(cancellationToken);

    private sealed record Sum(Currency Currency, int Count, long AmountMinor);

    private sealed record AccountSum(AccountId AccountId, Currency Currency, int Count, long AmountMinor);
}
