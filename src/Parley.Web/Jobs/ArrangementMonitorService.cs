using Parley.Modules.Arrangements.Plans;

namespace Parley.Web.Jobs;

/// <summary>
/// Every five minutes, reconciles active plans with the ledger and holds: instalments satisfied, misses recorded and
/// plans completed or broken once the customer's local day has ended (idempotent and restart-safe: each pass replays
/// from the ledger; safe on several nodes through the plan's version and the outbox keys).
/// </summary>
public sealed class ArrangementMonitorService(IServiceScopeFactory scopes, TimeProvider time, ILogger<ArrangementMonitorService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var summary = await scope.ServiceProvider.GetRequiredService<ReconcileArrangements>().HandleAsync(stoppingToken);
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
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Arrangement reconciliation failed; retrying next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
