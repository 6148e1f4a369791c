using Parley.Modules.Outreach.Contracts;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Quartz;

namespace Parley.Web.Jobs;

/// <summary>
/// Every 30 seconds, sends the planned contacts that are due: each batch claimed for a lease (nodes never take the same
/// contact together), each contact checked by the gate again at the send instant, then sent once under its key.
/// </summary>
[DisallowConcurrentExecution]
public sealed class OutreachSendingJob(IServiceScopeFactory scopes, ILogger<OutreachSendingJob> logger) : IJob
{
    private static readonly Actor Job = Actor.System("outreach-sending");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<IUseCase<SendDueContactsRequest, SendRunSummary>>()
            .HandleAsync(Job, new SendDueContactsRequest(), cancellationToken);
        if (run.Claimed > 0)
        {
            logger.LogInformation(
                "Outreach sending: {Sent} sent, {CallTasks} call task(s), {Replanned} re-planned, {Cancelled} cancelled, {Retrying} to retry, {DeadLettered} dead letter(s)",
                run.Sent, run.CallTasks, run.Replanned, run.Cancelled, run.Retrying, run.DeadLettered);
        }
    }
}
