using Parley.Modules.Accounts.UseCases;

namespace Parley.Web.Jobs;

/// <summary>Once a minute, ends holds whose planned end has passed and that resume automatically (idempotent, safe on several nodes).</summary>
public sealed class HoldResumptionService(IServiceScopeFactory scopes, TimeProvider time, ILogger<HoldResumptionService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var resumed = await scope.ServiceProvider.GetRequiredService<ResumeDueHolds>().HandleAsync(stoppingToken);
                if (resumed > 0)
                {
                    logger.LogInformation("Resumed collection on {Count} hold(s) whose planned end passed", resumed);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Hold resumption run failed; retrying next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
