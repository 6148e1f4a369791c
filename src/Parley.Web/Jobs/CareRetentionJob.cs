using Parley.Modules.Care.Contracts;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Quartz;

namespace Parley.Web.Jobs;

/// <summary>Once a day (and at start), enforces Care's retention rule: reviews of confirmed vulnerability records that are due, erasure of dismissed proposals past 90 days.</summary>
[DisallowConcurrentExecution]
public sealed class CareRetentionJob(IServiceScopeFactory scopes, ILogger<CareRetentionJob> logger) : IJob
{
    private static readonly Actor Job = Actor.System("care-retention");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var pass = await scope.ServiceProvider.GetRequiredService<IUseCase<EnforceCareRetentionRequest, CareRetentionSummary>>()
            .HandleAsync(Job, new EnforceCareRetentionRequest(), cancellationToken);
        if (pass.ReviewsOpened > 0 || pass.ProposalsErased > 0)
        {
            logger.LogInformation("Care retention: {Reviews} review item(s) opened, {Erased} dismissed proposal(s) erased", pass.ReviewsOpened, pass.ProposalsErased);
        }
    }
}
