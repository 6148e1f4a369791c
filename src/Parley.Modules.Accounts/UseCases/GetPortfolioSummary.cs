using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Accounts.Import;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.UseCases;

/// <summary>Accounts and what they owe in one currency; amounts of different currencies are never added together.</summary>
public sealed record CurrencyFigure(string Currency, int Accounts, decimal Outstanding);

public sealed record StatusFigure(AccountStatus Status, string Currency, int Accounts, decimal Outstanding);

public sealed record BucketFigure(DelinquencyBucket Bucket, string Currency, int Accounts, decimal Outstanding);

public sealed record HoldFigure(HoldType Type, int Holds);

/// <summary>
/// The portfolio's shape as of <see cref="At"/>: totals, status and delinquency bands per currency, active holds by
/// kind and the accounts they cover, and (when the caller may see imports) the latest placement files.
/// </summary>
public sealed record PortfolioFigures(
    Instant At,
    IReadOnlyList<CurrencyFigure> Totals,
    IReadOnlyList<StatusFigure> ByStatus,
    IReadOnlyList<BucketFigure> ByBucket,
    IReadOnlyList<HoldFigure> ActiveHolds,
    int AccountsOnHold,
    IReadOnlyList<ImportRunSummary>? RecentImports);

/// <summary>The Accounts module's share of the home page and <c>GET /api/portfolio/summary</c>, computed with GROUP BY in the database.</summary>
public sealed class GetPortfolioSummary(ParleyDbContext db, IClock clock)
{
    public const int RecentImportCount = 5;

    public async Task<PortfolioFigures> HandleAsync(bool includeImports, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();

        // One grouped row per (status, band, currency) — a few dozen at most — rolled up below into each view.
        var groups = await (
                from a in db.Set<Account>()
                join b in db.Set<AccountBalanceView>() on a.Id equals b.AccountId into balances
                from b in balances.DefaultIfEmpty()
                group (long?)b!.OutstandingMinor ?? 0L by new { a.Status, a.DelinquencyBucket, a.Currency } into g
                select new { g.Key.Status, g.Key.DelinquencyBucket, g.Key.Currency, Accounts = g.Count(), OutstandingMinor = g.Sum() })
            .ToListAsync(cancellationToken);

        var totals = groups.GroupBy(g => g.Currency)
            .Select(c => new CurrencyFigure(c.Key.Code, c.Sum(x => x.Accounts), Money.FromMinorUnits(c.Sum(x => x.OutstandingMinor), c.Key).Amount))
            .OrderBy(f => f.Currency, StringComparer.Ordinal)
            .ToList();
        var byStatus = groups.GroupBy(g => (g.Status, g.Currency))
            .Select(s => new StatusFigure(s.Key.Status, s.Key.Currency.Code, s.Sum(x => x.Accounts), Money.FromMinorUnits(s.Sum(x => x.OutstandingMinor), s.Key.Currency).Amount))
            .OrderBy(f => f.Status).ThenBy(f => f.Currency, StringComparer.Ordinal)
            .ToList();
        var byBucket = groups.GroupBy(g => (g.DelinquencyBucket, g.Currency))
            .Select(s => new BucketFigure(s.Key.DelinquencyBucket, s.Key.Currency.Code, s.Sum(x => x.Accounts), Money.FromMinorUnits(s.Sum(x => x.OutstandingMinor), s.Key.Currency).Amount))
            .OrderBy(f => f.Bucket).ThenBy(f => f.Currency, StringComparer.Ordinal)
            .ToList();

        var active = Hold.ActiveAt(now);
        var holds = await db.Set<Hold>().Where(active).GroupBy(h => h.Type).Select(g => new { Type = g.Key, Holds = g.Count() }).ToListAsync(cancellationToken);
        // The same test the portfolio's "on hold" filter uses: a hold on the account itself or on all of its customer's accounts.
        var onHold = await db.Set<Account>()
            .CountAsync(a => db.Set<Hold>().Where(active).Any(h => h.CustomerId == a.CustomerId && (h.AccountId == null || h.AccountId == a.Id)), cancellationToken);

        var imports = includeImports ? (await ListImports.PageAsync(db, 1, RecentImportCount, cancellationToken)).Items : null;
        return new PortfolioFigures(
            now,
            totals,
            byStatus,
            byBucket,
            [.. holds.Select(h => new HoldFigure(h.Type, h.Holds)).OrderBy(h => h.Type)],
            onHold,
            imports);
    }
}
