using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Accounts.Import;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Accounts.UseCases;

/// <summary>The Accounts module's share of the home page and <c>GET /api/portfolio/summary</c>, computed with GROUP BY in the database.</summary>
public sealed class GetPortfolioSummary(ParleyDbContext db, IClock clock) : IUseCase<GetPortfolioSummaryRequest, PortfolioFigures>
{
    public const int RecentImportCount = 5;

    /// <summary>
    /// The figures of the accounts of the creditors <paramref name="actor"/> works for; the latest placement files only
    /// for those who may see imports (supervisors and admins working for every creditor).
    /// </summary>
    public async Task<PortfolioFigures> HandleAsync(Actor actor, GetPortfolioSummaryRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("see the portfolio summary", []);
        var now = clock.GetCurrentInstant();
        var accounts = db.Set<Account>().AsQueryable();
        var holdsInScope = db.Set<Hold>().Where(Hold.ActiveAt(now));
        if (actor.Creditors.Named is { } named)
        {
            var creditors = named.ToList();
            accounts = accounts.Where(a => creditors.Contains(a.CreditorId));
            // A hold belongs to a customer; it counts when one of the customer's accounts is in scope.
            holdsInScope = holdsInScope.Where(h => db.Set<Account>().Any(a => a.CustomerId == h.CustomerId && (h.AccountId == null || h.AccountId == a.Id) && creditors.Contains(a.CreditorId)));
        }

        // One grouped row per (status, band, currency) — a few dozen at most — rolled up below into each view.
        var groups = await (
                from a in accounts
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
        var holds = await holdsInScope.GroupBy(h => h.Type).Select(g => new { Type = g.Key, Holds = g.Count() }).ToListAsync(cancellationToken);
        // The same test the portfolio's "on hold" filter uses: a hold on the account itself or on all of its customer's accounts.
        var onHold = await accounts
            .CountAsync(a => db.Set<Hold>().Where(active).Any(h => h.CustomerId == a.CustomerId && (h.AccountId == null || h.AccountId == a.Id)), cancellationToken);

        var seesImports = actor is StaffMember staff && staff.IsInAnyRole(StaffRoles.Supervisor, StaffRoles.Admin) && actor.Creditors.IsAll;
        var imports = seesImports ? (await ListImports.PageAsync(db, 1, RecentImportCount, cancellationToken)).Items : null;
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
