using Parley.Modules.Accounts.Contracts;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Quartz;

namespace Parley.Web.Jobs;

/// <summary>Every minute, ends holds whose planned end has passed and that resume automatically (idempotent, safe on several nodes).</summary>
[DisallowConcurrentExecution]
public sealed class HoldResumptionJob(IUseCase<ResumeDueHoldsRequest, int> resume, ILogger<HoldResumptionJob> logger) : IJob
{
    private static readonly Actor Job = Actor.System("hold-resumption");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var resumed = await resume.HandleAsync(Job, new ResumeDueHoldsRequest(), cancellationToken);
        if (resumed > 0)
        {
            logger.LogInformation("Resumed collection on {Count} hold(s) whose planned end passed", resumed);
        }
    }
}
