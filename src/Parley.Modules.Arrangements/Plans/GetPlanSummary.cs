using Microsoft.EntityFrameworkCore;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Arrangements.Plans;

/// <summary>
/// The Arrangements module's share of the home page and <c>GET /api/portfolio/summary</c>: counts by GROUP BY over the
/// plans of the accounts of the creditors the actor works for.
/// </summary>
public sealed class GetPlanSummary(ParleyDbContext db, IAccountCreditors accounts) : IUseCase<GetPlanSummaryRequest, PlanFigures>
{
    /// <summary>
    /// Any member of staff (and Parley itself) may read the figures. Plans keep only their account's id, so a named scope
    /// is narrowed by the Accounts module's list of that scope's accounts, filtered in the same queries.
    /// </summary>
    public async Task<PlanFigures> HandleAsync(Actor actor, GetPlanSummaryRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read the portfolio's plan figures", [], allowSystem: true);
        var plans = db.Set<Arrangement>().AsNoTracking();
        if (actor.Creditors.Named is { } named)
        {
            var theirs = await accounts.AccountsOfAsync(named, cancellationToken);
            plans = plans.Where(a => theirs.Contains(a.AccountId));
        }
        var byStatus = await plans.GroupBy(a => a.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        var behind = await plans.CountAsync(a => a.Status == ArrangementStatus.Active && a.Instalments.Any(i => i.Missed), cancellationToken);
        int Count(ArrangementStatus status) => byStatus.GetValueOrDefault(status);
        return new PlanFigures(
            Count(ArrangementStatus.Proposed),
            Count(ArrangementStatus.AwaitingApproval),
            Count(ArrangementStatus.Active),
            Count(ArrangementStatus.Active) - behind,
            behind,
            Count(ArrangementStatus.Completed),
            Count(ArrangementStatus.Broken),
            Count(ArrangementStatus.Cancelled));
    }
}
