using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using Parley.Persistence;
using Parley.Persistence.Outbox;
using Quartz;

namespace Parley.Web.Jobs;

/// <summary>
/// The periodic jobs on Quartz.NET (ADR 0009). On PostgreSQL the schedule lives in the database (the <c>qrtz_</c> tables
/// the migrations create) and the nodes sharing it form a cluster, so each period's run happens on exactly one node and
/// a crashed node's work is picked up. On SQLite, the embedded single node, it lives in memory. With
/// <c>Parley:Jobs:Enabled=false</c> nothing fires and the node stays out of the cluster (tests move a fake clock by
/// months and run the use cases themselves; a node can opt out).
/// </summary>
public static class JobsSetup
{
    public const string Section = "Parley:Jobs";

    /// <summary>The scheduler's name: the cluster is every node with this name on one database.</summary>
    public const string SchedulerName = "Parley";

    /// <summary>Quartz's tables on PostgreSQL, created by the migration <c>JobsOnQuartz</c>.</summary>
    public const string TablePrefix = "qrtz_";

    public static IServiceCollection AddParleyJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var enabled = configuration.GetValue($"{Section}:Enabled", defaultValue: true);
        var database = DatabaseSettings.FromConfiguration(configuration);
        var clustered = enabled && database.Provider == DatabaseProvider.Postgres;
        var intervals = ParleyJobs.All.ToDictionary(j => j.Key, j => Interval(configuration, j));

        services.RemoveAll<OutboxOptions>();
        services.AddSingleton(new OutboxOptions(Duration.FromTimeSpan(Positive(configuration, "Parley:Outbox:Lease", OutboxOptions.Default.Lease.ToTimeSpan()))));
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s => s.InstanceName = SchedulerName);

            // The scheduler keeps wall-clock time even where the business clock (IClock) is a test's fake.
            q.UseTimeProvider(TimeProvider.System);
            q.UseDefaultThreadPool(ParleyJobs.All.Count);
            q.AddJobListener<JobFireLog>([GroupMatcher<JobKey>.GroupEquals(ParleyJobs.Group)]);
            if (clustered)
            {
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(database.ConnectionString);
                    store.UseSystemTextJsonSerializer();
                    store.ConfigureStore(o => o.TablePrefix = TablePrefix);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = Positive(configuration, $"{Section}:Cluster:CheckinInterval", c.CheckinInterval);
                        c.CheckinMisfireThreshold = Positive(configuration, $"{Section}:Cluster:CheckinMisfireThreshold", c.CheckinMisfireThreshold);
                    });
                });
            }
            else
            {
                q.UseInMemoryStore();
            }

            foreach (var job in ParleyJobs.All)
            {
                q.AddJob(job.JobType, j => j.WithIdentity(job.Key).StoreDurably());
                if (!enabled)
                {
                    continue;
                }

                // A pass that throws is logged by Quartz (error, with the job's key) and simply runs again next period.
                // Runs at start, then once per period; a period missed while every node was down (or blocked past the
                // misfire threshold) is caught up by one run now, never by one run per missed period: each pass
                // reconciles everything due, so one is enough.
                q.AddTrigger(t => t
                    .ForJob(job.Key)
                    .WithIdentity(job.Key.Name, ParleyJobs.Group)
                    .StartNow()
                    .WithSimpleSchedule(s => s
                        .WithInterval(intervals[job.Key])
                        .RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount)));
            }
        });

        // A node joining the cluster keeps the stored schedule: replacing it raced with another node's fire and ran
        // that period twice. A changed period is applied by JobPeriods below.
        services.Configure<QuartzOptions>(o =>
        {
            o.Scheduling.OverwriteExistingData = false;
            o.Scheduling.IgnoreDuplicates = true;
        });

        // A stopping node lets the running pass finish, asking it to stop (the outbox hands back what it has not sent).
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddOptions<QuartzSchedulerOptions>().Configure(o => o.ShutdownJobInterruption = ShutdownJobInterruption.Always);
        if (enabled)
        {
            services.AddHostedService(sp => new JobPeriods(sp.GetRequiredService<ISchedulerFactory>(), intervals));
        }

        return services;
    }

    /// <summary>
    /// Applies a configured period that differs from the stored one (a deployment changed it), from the stored trigger's
    /// next fire time on; an unchanged schedule is left alone.
    /// </summary>
    private sealed class JobPeriods(ISchedulerFactory schedulers, IReadOnlyDictionary<JobKey, TimeSpan> intervals) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            foreach (var (job, interval) in intervals)
            {
                var key = new TriggerKey(job.Name, ParleyJobs.Group);
                if (await scheduler.GetTrigger(key, cancellationToken) is ISimpleTrigger stored && stored.RepeatInterval != interval)
                {
                    var changed = stored.GetTriggerBuilder()
                        .StartAt(stored.NextFireTimeUtc ?? TimeProvider.System.GetUtcNow())
                        .WithSimpleSchedule(s => s
                            .WithInterval(interval)
                            .RepeatForever()
                            .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount))
                        .Build();
                    await scheduler.RescheduleJob(key, changed, cancellationToken);
                }
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static TimeSpan Interval(IConfiguration configuration, ScheduledJob job) => Positive(configuration, job.IntervalKey, job.DefaultInterval);

    private static TimeSpan Positive(IConfiguration configuration, string key, TimeSpan fallback)
    {
        var value = configuration.GetValue(key, fallback);
        return value > TimeSpan.Zero
            ? value
            : throw new InvalidOperationException($"{key} must be a positive time span such as 00:00:05, not '{configuration[key]}'.");
    }
}
