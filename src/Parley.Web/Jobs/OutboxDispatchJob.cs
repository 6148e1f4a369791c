using Parley.Persistence.Outbox;
using Quartz;

namespace Parley.Web.Jobs;

/// <summary>
/// Every few seconds, delivers undelivered outbox messages to their in-process handlers, batch after batch until none is
/// left (at least once; handlers dedupe by key). Each batch is claimed for a lease, so nodes never hand over the same
/// message together, and a crashed node's batch is taken over when its lease runs out.
/// </summary>
[DisallowConcurrentExecution]
public sealed class OutboxDispatchJob(IServiceScopeFactory scopes) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        int delivered;
        do
        {
            // A fresh context per batch, so a long backlog does not pile up tracked entities.
            await using var scope = scopes.CreateAsyncScope();
            delivered = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(cancellationToken);
        }
        while (delivered == OutboxDispatcher.BatchSize);
    }
}
