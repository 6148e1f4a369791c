using Microsoft.EntityFrameworkCore;
using Parley.Persistence;

namespace Parley.Modules.Arrangements.Plans;

/// <summary>
/// Plans by where they stand. <see cref="ActiveOnTrack"/> and <see cref="ActiveBehind"/> split <see cref="Active"/>:
/// kept so far (no instalment missed) or running with a miss the creditor's tolerance still allows.
/// </summary>
public sealed record PlanFigures(int Proposed, int AwaitingApproval, int Active, int ActiveOnTrack, int ActiveBehind, int Completed, int Broken, int Cancelled);

/// <summary>The Arrangements module's share of the home page and <c>GET /api/portfolio/summary</c>: counts by GROUP BY.</summary>
public sealed class GetPlanSummary(ParleyDbContext db)
{
    public async Task<PlanFigures> HandleAsync(CancellationToken cancellationToken)
    {
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
