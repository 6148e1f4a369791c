using Microsoft.EntityFrameworkCore;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Arrangements.Plans;

/// <summary>
/// The Arrangements module's share of the home page and <c>GET /api/portfolio/summary</c>: counts by GROUP BY. Plans
/// keep only their account's id, so the counts cover every creditor's plans (see <see cref="HandleAsync"/>).
/// </summary>
public sealed class GetPlanSummary(ParleyDbContext db) : IUseCase<GetPlanSummaryRequest, PlanFigures>
{
    /// <summary>
    /// Any member of staff (and Parley itself) may read the figures. They are counts across the portfolio, never an
    /// account or a plan; narrowing them to a staff member's creditors needs the Accounts module to name a creditor's
    /// accounts, which it does not offer yet (every staff member works for every creditor until users are given creditors).
    /// </summary>
    public async Task<PlanFigures> HandleAsync(Actor actor, GetPlanSummaryRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read the portfolio's plan figures", [], allowSystem: true);
        var plans = db.Set<Arrangement>().AsNoTracking();
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
