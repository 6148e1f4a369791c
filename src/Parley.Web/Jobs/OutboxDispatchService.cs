using Parley.Persistence.Outbox;

namespace Parley.Web.Jobs;

/// <summary>Every few seconds, delivers undelivered outbox messages to their in-process handlers (at least once; handlers dedupe by key).</summary>
public sealed class OutboxDispatchService(IServiceScopeFactory scopes, TimeProvider time, ILogger<OutboxDispatchService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                int delivered;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    delivered = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(stoppingToken);
                }
                while (delivered == OutboxDispatcher.BatchSize);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Outbox dispatch failed; retrying next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
