using Parley.Modules.Payments.Contracts;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Quartz;

namespace Parley.Web.Jobs;

/// <summary>
/// Every hour, posts each accruing account's interest and fee for the customer's current month (idempotent and
/// restart-safe: each charge's ledger key is the account, kind and month, so a pass repeated after a restart, or on a
/// second node, posts nothing twice). Frozen accounts are counted by rule, never logged one by one.
/// </summary>
[DisallowConcurrentExecution]
public sealed class AccrualJob(IUseCase<AccrueInterestAndFeesRequest, AccrualSummary> accrue, ILogger<AccrualJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var summary = await accrue.HandleAsync(Actor.System("accrual job"), new AccrueInterestAndFeesRequest(), cancellationToken);
        if (summary.InterestPosted + summary.FeesPosted > 0 && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation(
                "Accrual: {Accounts} account(s), {Interest} interest and {Fees} fee entries posted, {Frozen} frozen ({FrozenByRule})",
                summary.Accounts,
                summary.InterestPosted,
                summary.FeesPosted,
                summary.Frozen,
                string.Join(", ", summary.FrozenByRule.Select(r => $"{r.Key}: {r.Value}")));
        }
    }
}
