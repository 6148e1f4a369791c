using Parley.Modules.Accounts.UseCases;
using Quartz;

namespace Parley.Web.Jobs;

/// <summary>Every minute, ends holds whose planned end has passed and that resume automatically (idempotent, safe on several nodes).</summary>
[DisallowConcurrentExecution]
public sealed class HoldResumptionJob(ResumeDueHolds resume, ILogger<HoldResumptionJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var resumed = await resume.HandleAsync(cancellationToken);
        if (resumed > 0)
        {
            logger.LogInformation("Resumed collection on {Count} hold(s) whose planned end passed", resumed);
        }
    }
}
