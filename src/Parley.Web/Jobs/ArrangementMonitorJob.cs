using Parley.Modules.Arrangements.Contracts;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Quartz;

namespace Parley.Web.Jobs;

/// <summary>
/// Every five minutes, reconciles active plans with the ledger and holds: instalments satisfied, misses recorded and
/// plans completed or broken once the customer's local day has ended (idempotent and restart-safe: each pass replays
/// from the ledger; safe on several nodes through the plan's version and the outbox keys).
/// </summary>
[DisallowConcurrentExecution]
public sealed class ArrangementMonitorJob(IUseCase<ReconcileArrangementsRequest, ReconciliationSummary> reconcile, ILogger<ArrangementMonitorJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var summary = await reconcile.HandleAsync(Actor.System("arrangement-monitor"), new ReconcileArrangementsRequest(), cancellationToken);
        if (summary.Completed + summary.Broken + summary.InstalmentsMissed + summary.Conflicts > 0)
        {
            logger.LogInformation(
                "Reconciled {Plans} plan(s): {Completed} completed, {Broken} broken, {Missed} instalment(s) missed, {Conflicts} left for the next pass",
                summary.Plans,
                summary.Completed,
                summary.Broken,
                summary.InstalmentsMissed,
                summary.Conflicts);
        }
    }
}
