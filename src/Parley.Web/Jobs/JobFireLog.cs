using System.Globalization;
using Quartz;

namespace Parley.Web.Jobs;

/// <summary>
/// Logs each run at Debug with the node that runs it and the due time it runs for, so an operator can read which node
/// of a cluster ran which period (the killed-host test reads a separate host process's runs from it).
/// </summary>
public sealed partial class JobFireLog(ILogger<JobFireLog> logger) : IJobListener
{
    public string Name => "parley-fire-log";

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var due = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
            LogFired(logger, context.JobDetail.Key.ToString(), context.Scheduler.SchedulerInstanceId, due.ToString("O", CultureInfo.InvariantCulture));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {Job} runs on node {Node} for its run due at {Due}")]
    private static partial void LogFired(ILogger logger, string job, string node, string due);
}
