using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NodaTime;
using Parley.Persistence;
using Parley.Persistence.Outbox;
using Parley.Testing;
using Parley.Web.Jobs;
using Quartz;

namespace Parley.Web.Tests.Jobs;

/// <summary>
/// The periodic jobs as deployed: real web hosts with the jobs on, on wall-clock time. On PostgreSQL two hosts share one
/// database and form a Quartz cluster: each job fires once per period across both, never on both at once, and each
/// outbox message is delivered once, also when a host dies holding a batch (in this process, and as a separate process
/// killed outright: <c>ClusteredJobsTests.KilledHost.cs</c>). On SQLite the one embedded host runs them from memory.
/// Every wait is on a condition with a generous deadline, never on a duration.
/// </summary>
public sealed partial class ClusteredJobsTests
{
    private const string EventType = "test.cluster";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_hosts_on_one_database_fire_each_job_once_per_period_and_deliver_each_message_once()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var deliveries = new Deliveries();
        var fires = new Fires();
        await using var a = new JobNode(database, new RecordingHandler("a", deliveries));
        await using var b = new JobNode(database, new RecordingHandler("b", deliveries));
        await a.StartAsync(fires);
        await b.StartAsync(fires);

        var keys = await StageAsync(database, 250);
        await Until(async () => deliveries.Total >= keys.Count && await UndeliveredAsync(database) == 0, "every message delivered");
        await Until(() => Task.FromResult(ParleyJobs.All.All(j => fires.Of(j.Key).Count >= 3)), "every job fired three times");

        deliveries.TimesEach(keys).ShouldAllBe(n => n == 1);
        (await InstancesCheckedInAsync(database)).ShouldBe(2);
        fires.Overlapped.ShouldBeEmpty();
        fires.Failed.ShouldBeEmpty();
        foreach (var job in ParleyJobs.All)
        {
            // Once per period: no period fired twice (on either host), and no two fires less than a period apart.
            var scheduled = fires.Of(job.Key).Select(f => f.Scheduled).Order().ToList();
            scheduled.Distinct().Count().ShouldBe(scheduled.Count, $"{job.Key}: {string.Join("; ", fires.Of(job.Key).Select(f => $"{f.Scheduled:HH:mm:ss.fff} by {f.Where}"))}");
            scheduled.Zip(scheduled.Skip(1), (x, y) => y - x).ShouldAllBe(gap => gap >= Period, job.Key.ToString());
        }
    }

    [Fact]
    public async Task A_host_that_dies_holding_a_batch_loses_it_to_the_other_host_once_the_lease_runs_out()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var deliveries = new Deliveries();
        var fires = new Fires();
        var dying = new RecordingHandler("a", deliveries) { HangOnFirst = true };
        await using var a = new JobNode(database, dying);
        await a.StartAsync(fires);
        var keys = await StageAsync(database, 150);

        // Host a claims a batch and hangs handing over its first message.
        var held = await dying.Hanging.Task.WaitAsync(Deadline, Ct);
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            (await db.Set<OutboxMessage>().CountAsync(m => m.ClaimId != null, Ct)).ShouldBe(OutboxDispatcher.BatchSize);
        }

        await using var b = new JobNode(database, new RecordingHandler("b", deliveries));
        await b.StartAsync(fires);

        // Host a dies: its scheduler stops checking in, and its claims are never handed back.
        var scheduler = await a.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        await scheduler.Shutdown(waitForJobsToComplete: false, Ct);

        await Until(async () => deliveries.Total >= keys.Count && await UndeliveredAsync(database) == 0, "every message delivered by host b");
        deliveries.TimesEach(keys).ShouldAllBe(n => n == 1);
        deliveries.By(held).ShouldBe(["b"]);
        deliveries.Nodes.ShouldBe(["b"]);

        // What the dead host would do if it woke: its write is refused, so the message stays delivered once.
        dying.Release.SetResult();
        await Until(() => Task.FromResult(dying.Finished), "host a's pass to end");
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var message = await db.Set<OutboxMessage>().SingleAsync(m => m.IdempotencyKey == held, Ct);
            message.DispatchedAt.ShouldNotBeNull();
            message.LastError.ShouldBeNull();
        }

        foreach (var job in ParleyJobs.All)
        {
            var scheduled = fires.Of(job.Key).Select(f => f.Scheduled).ToList();
            scheduled.Distinct().Count().ShouldBe(scheduled.Count, job.Key.ToString());
        }
    }

    [Fact]
    public async Task A_changed_period_reaches_the_stored_schedule_when_a_host_starts_with_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var deliveries = new Deliveries();
        await using (var before = new JobNode(database, new RecordingHandler("a", deliveries)))
        {
            await before.StartAsync(new Fires());
            (await StoredPeriodsAsync(database)).ShouldAllBe(p => p == Period);
        }

        await using var after = new JobNode(database, new RecordingHandler("b", deliveries), Period * 3);
        await after.StartAsync(new Fires());
        var periods = await StoredPeriodsAsync(database);
        periods.Count.ShouldBe(ParleyJobs.All.Count);
        periods.ShouldAllBe(p => p == Period * 3);
    }

    [Fact]
    public async Task The_embedded_host_on_sqlite_runs_every_job_from_memory_and_delivers_each_message_once()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var deliveries = new Deliveries();
        var fires = new Fires();
        await using var node = new JobNode(database, new RecordingHandler("a", deliveries));
        await node.StartAsync(fires);
        var scheduler = await node.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        var metadata = await scheduler.GetMetadata(Ct);
        metadata.JobStorePersistent.ShouldBeFalse();
        metadata.JobStoreClustered.ShouldBeFalse();

        var keys = await StageAsync(database, 150);
        await Until(async () => deliveries.Total >= keys.Count && await UndeliveredAsync(database) == 0, "every message delivered");
        await Until(() => Task.FromResult(ParleyJobs.All.All(j => fires.Of(j.Key).Count >= 2)), "every job fired twice");
        deliveries.TimesEach(keys).ShouldAllBe(n => n == 1);
        fires.Overlapped.ShouldBeEmpty();
        fires.Failed.ShouldBeEmpty();
    }

    private static async Task<IReadOnlyList<string>> StageAsync(TestDatabase database, int count)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var t0 = Instant.FromUtc(2026, 11, 2, 9, 0);
        var keys = Enumerable.Range(0, count).Select(i => $"message-{i:D4}").ToList();
        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
        {
            db.AddOutboxMessage(EventType, "{}", t0 + Duration.FromSeconds(i), key);
        }

        await db.SaveChangesAsync(Ct);
        return keys;
    }

    private static async Task<int> UndeliveredAsync(TestDatabase database)
    {
        await using var scope = database.Scope();
        return await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<OutboxMessage>().CountAsync(m => m.DispatchedAt == null, Ct);
    }

    private static async Task<long> InstancesCheckedInAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM qrtz_scheduler_state WHERE sched_name = @name", connection);
        count.Parameters.AddWithValue("name", JobsSetup.SchedulerName);
        return (long)(await count.ExecuteScalarAsync(Ct))!;
    }

    private static async Task<IReadOnlyList<TimeSpan>> StoredPeriodsAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var read = new NpgsqlCommand("SELECT repeat_interval FROM qrtz_simple_triggers WHERE sched_name = @name", connection);
        read.Parameters.AddWithValue("name", JobsSetup.SchedulerName);
        var periods = new List<TimeSpan>();
        await using var reader = await read.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            periods.Add(TimeSpan.FromMilliseconds(reader.GetInt64(0)));
        }

        return periods;
    }

    /// <summary>Polls until the condition holds; fails, naming it, once the (generous) deadline has passed.</summary>
    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(Deadline);
        while (!await condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                Assert.Fail($"Gave up waiting for {what}.");
            }
        }
    }

    /// <summary>Which host handed over each message, counted only when its handler finished.</summary>
    private sealed class Deliveries
    {
        private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _byKey = new(StringComparer.Ordinal);
        private int _total;

        public int Total => Volatile.Read(ref _total);

        public IReadOnlyList<string> Nodes => _byKey.Values.SelectMany(q => q).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        public void Add(string key, string node)
        {
            _byKey.GetOrAdd(key, _ => new ConcurrentQueue<string>()).Enqueue(node);
            Interlocked.Increment(ref _total);
        }

        public IReadOnlyList<string> By(string key) => _byKey.TryGetValue(key, out var nodes) ? nodes.ToList() : [];

        public IReadOnlyList<int> TimesEach(IEnumerable<string> keys) => keys.Select(k => By(k).Count).ToList();
    }

    /// <summary>A host's outbox handler; the dying host's hangs on its first message, ignoring the stop, until released.</summary>
    private sealed class RecordingHandler(string node, Deliveries deliveries, string eventType = ClusteredJobsTests.EventType) : IOutboxHandler
    {
        private int _calls;

        public string EventType => eventType;

        public bool HangOnFirst { get; init; }

        public TaskCompletionSource<string> Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Finished { get; private set; }

        public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            if (HangOnFirst && Interlocked.Increment(ref _calls) == 1)
            {
                Hanging.SetResult(message.IdempotencyKey);
                await Release.Task;
                Finished = true;
                throw new InvalidOperationException("this host died before handing the message over");
            }

            deliveries.Add(message.IdempotencyKey, node);
        }
    }

    /// <summary>Every fire on every host, and any fire that began while another of the same job was still running.</summary>
    private sealed class Fires : IJobListener
    {
        private readonly ConcurrentQueue<(JobKey Job, DateTimeOffset Scheduled, string Where, string Node)> _fires = new();
        private readonly ConcurrentDictionary<JobKey, string> _running = new();

        public string Name => "test-fires";

        public ConcurrentQueue<string> Overlapped { get; } = new();

        public ConcurrentQueue<string> Failed { get; } = new();

        public IReadOnlyList<(JobKey Job, DateTimeOffset Scheduled, string Where, string Node)> Of(JobKey job) => _fires.Where(f => f.Job.Equals(job)).ToList();

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            var key = context.JobDetail.Key;
            if (!_running.TryAdd(key, context.FireInstanceId))
            {
                Overlapped.Enqueue($"{key} fired while {_running[key]} was running");
            }

            var node = context.Scheduler.SchedulerInstanceId;
            _fires.Enqueue((key, context.ScheduledFireTimeUtc ?? context.FireTimeUtc, $"{node} at {context.FireTimeUtc:HH:mm:ss.fff}", node));
            return ValueTask.CompletedTask;
        }

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            _running.TryRemove(new KeyValuePair<JobKey, string>(context.JobDetail.Key, context.FireInstanceId));
            if (jobException is not null)
            {
                Failed.Enqueue($"{context.JobDetail.Key}: {jobException.InnerException?.Message ?? jobException.Message}");
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A real web host on the test database with its jobs on, short periods and a short outbox lease.</summary>
    private sealed class JobNode(TestDatabase database, IOutboxHandler handler, TimeSpan? period = null, TimeSpan? lease = null) : WebApplicationFactory<Program>
    {
        public async Task StartAsync(Fires fires)
        {
            var scheduler = await Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
            scheduler.ListenerManager.AddJobListener(fires, [Matchers.AllJobs()]);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", database.Provider.ToString());
            builder.UseSetting("ConnectionStrings:Parley", database.ConnectionString);
            builder.UseSetting("Parley:FieldEncryption:Key", TestDatabase.FieldEncryptionKey);
            builder.UseSetting("Parley:Jobs:Enabled", "true");
            foreach (var job in ParleyJobs.All)
            {
                builder.UseSetting(job.IntervalKey, (period ?? Period).ToString());
            }

            builder.UseSetting("Parley:Jobs:Cluster:CheckinInterval", "00:00:01");
            // Generous: a host slowed by a busy machine must not be taken for dead (that is Quartz's trade-off to tune).
            builder.UseSetting("Parley:Jobs:Cluster:CheckinMisfireThreshold", "00:00:10");
            builder.UseSetting("Parley:Outbox:Lease", (lease ?? TimeSpan.FromSeconds(5)).ToString());
            builder.ConfigureTestServices(services => services.AddSingleton(handler));
        }
    }
}
