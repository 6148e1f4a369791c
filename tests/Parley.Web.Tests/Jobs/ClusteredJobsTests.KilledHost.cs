using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Arrangements.Contracts;
using Parley.Modules.Arrangements.Plans;
using Parley.Persistence;
using Parley.Persistence.Outbox;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Parley.Testing;
using Parley.Web.Jobs;
using Quartz;

namespace Parley.Web.Tests.Jobs;

/// <summary>
/// Two hosts on one PostgreSQL database, one of them the real web host as a separate process (<c>Parley.Web.dll</c> from
/// the build, configured as a deployment is, by environment variables) that is killed with SIGKILL while it holds an
/// outbox batch. Its handler is the real one (an account follows its plan's activation) and blocks for a reason outside
/// Parley: the test holds the account's row, so the delivery's save waits on the database, mid-batch, until the kill.
/// </summary>
public sealed partial class ClusteredJobsTests
{
    private const string Activated = "arrangements.activated";

    // Long enough that the killed host still holds its claims when the test has seen them and killed it.
    private static readonly TimeSpan KilledHostLease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_host_process_killed_holding_a_batch_loses_it_to_the_other_host_which_delivers_each_message_once()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var account = await SeedAccountAsync(database);
        await using var child = await HostProcess.StartAsync(database, KilledHostLease);
        await WithOutputOf(child, async () =>
        {
            var deliveries = new Deliveries();
            var fires = new Fires();
            await using var survivor = new JobNode(database, new RecordingHandler("survivor", deliveries, Activated), lease: KilledHostLease);
            await survivor.StartAsync(fires);
            var scheduler = await survivor.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
            IEnumerable<(JobKey Job, DateTimeOffset Due, string Node)> Runs() =>
                ParleyJobs.All.SelectMany(j => fires.Of(j.Key)).Select(f => (f.Job, f.Scheduled, f.Node)).Concat(child.Runs);

            // 1. Both alive: the jobs run once per period across the pair, on both, and every message is delivered.
            await Until(async () => await InstancesCheckedInAsync(database) == 2, "both hosts to check in");
            var before = await StageActivationsAsync(database, account, 0, 150);
            await Until(async () => await UndeliveredAsync(database) == 0, "every message delivered by the pair");
            await Until(
                () => Task.FromResult(ParleyJobs.All.All(j => Runs().Count(r => r.Job.Equals(j.Key)) >= 3) && !child.Runs.IsEmpty && ParleyJobs.All.Any(j => fires.Of(j.Key).Count > 0)),
                "every job to run three times across the pair, some runs on each host");
            EachPeriodRanOnce(Runs());

            // 2. The survivor stands by, so the host process claims the next batch. Once it runs the outbox for a period
            // due after that, no pass of the survivor's is running (the job never runs on two nodes at once).
            var standby = TimeProvider.System.GetUtcNow();
            await scheduler.Standby(Ct);
            await Until(() => Task.FromResult(child.Runs.Any(r => r.Job.Equals(ParleyJobs.OutboxDispatch) && r.Due > standby)), "the host process to run the outbox");

            IReadOnlyList<string> during;
            var held = new List<string>();
            var claim = Guid.Empty;
            var leaseEnds = default(Instant);
            await using (var row = await AccountRowLock.TakeAsync(database, account))
            {
                during = await StageActivationsAsync(database, account, 1000, 150);
                await Until(
                    async () =>
                    {
                        var claims = await ClaimsAsync(database);
                        if (claims.Count != 1 || claims[0].Keys.Count != OutboxDispatcher.BatchSize || !claims[0].Leased || !await ChildWaitsOnAsync(database, row.Pid))
                        {
                            return false;
                        }

                        (claim, leaseEnds) = (claims[0].Claim, claims[0].Until);
                        held.AddRange(claims[0].Keys);
                        return true;
                    },
                    "the host process to claim a batch and wait, mid-delivery, on the account's row");
                held.ShouldBeSubsetOf(during);

                child.Kill();
                await child.ExitedAsync();
                child.ExitCode.ShouldBe(128 + 9, "killed by SIGKILL");

                // Dead, it still holds the batch: its claims outlive it until the lease runs out; nothing was delivered.
                var claims = await ClaimsAsync(database);
                claims.Count.ShouldBe(1);
                claims[0].Claim.ShouldBe(claim);
                claims[0].Keys.ShouldBe(held, ignoreOrder: true);
                claims[0].Leased.ShouldBeTrue("the lease has not run out");
                TestContext.Current.TestOutputHelper?.WriteLine($"Killed the host process at {TimeProvider.System.GetUtcNow():HH:mm:ss.fff} holding {held.Count} messages until {leaseEnds}.");
            }

            // The row is free: the dead host's session, its delivery never committed, ends when it finds its client gone.
            await Until(async () => await ChildSessionsAsync(database) == 0, "the dead host's database sessions to end");
            var killed = TimeProvider.System.GetUtcNow();
            await scheduler.Start(Ct);

            // 3. The survivor takes the dead host's place: it delivers every message, the held ones once their lease ran
            // out, each once; and it runs every job on.
            await Until(async () => await UndeliveredAsync(database) == 0, "the survivor to deliver every message");
            await Until(async () => await InstancesCheckedInAsync(database) == 1, "the survivor to recover the dead host");
            await Until(
                () => Task.FromResult(ParleyJobs.All.All(j => fires.Of(j.Key).Count(f => f.Scheduled > killed) >= 2)),
                "the survivor to run every job twice after the kill");

            // Only the survivor is left to deliver what was staged while the row was held, so it delivered each of them.
            deliveries.TimesEach(during).ShouldAllBe(n => n == 1);
            deliveries.TimesEach(before).ShouldAllBe(n => n <= 1);
            await using (var scope = database.Scope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
                var messages = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type == Activated).ToListAsync(Ct);
                messages.Count.ShouldBe(300);
                messages.Where(m => m.DispatchedAt == null || m.Attempts != 1 || m.LastError != null || m.ClaimId != null)
                    .Select(m => $"{m.IdempotencyKey}: delivered {m.DispatchedAt}, {m.Attempts} attempt(s), {m.LastError}")
                    .ShouldBeEmpty("each message delivered in one attempt");
                messages.Where(m => held.Contains(m.IdempotencyKey) && m.DispatchedAt < leaseEnds)
                    .Select(m => $"{m.IdempotencyKey} at {m.DispatchedAt}")
                    .ShouldBeEmpty($"the dead host's batch is taken over only once its lease ran out, at {leaseEnds}");

                // The handler's effect, once per message: the dead host's delivery left nothing behind.
                var followed = await db.Set<AccountChange>().AsNoTracking()
                    .Where(c => c.AccountId == account && c.Field == "arrangement")
                    .Select(c => c.At)
                    .ToListAsync(Ct);
                followed.Count.ShouldBe(messages.Count);
                followed.ShouldBe(messages.Select(m => m.OccurredAt), ignoreOrder: true);
            }

            EachPeriodRanOnce(Runs());
            fires.Overlapped.ShouldBeEmpty();
            fires.Failed.ShouldBeEmpty();
        });
    }

    /// <summary>No period of any job ran twice, on either host, and no two runs of a job are less than a period apart.</summary>
    private static void EachPeriodRanOnce(IEnumerable<(JobKey Job, DateTimeOffset Due, string Node)> runs)
    {
        var all = runs.ToList();
        foreach (var job in ParleyJobs.All)
        {
            var due = all.Where(r => r.Job.Equals(job.Key)).OrderBy(r => r.Due).ToList();
            var listing = $"{job.Key}: {string.Join("; ", due.Select(r => $"{r.Due:HH:mm:ss.fff} on {r.Node}"))}";
            due.Select(r => r.Due).Distinct().Count().ShouldBe(due.Count, listing);
            due.Zip(due.Skip(1), (x, y) => y.Due - x.Due).ShouldAllBe(gap => gap >= Period, listing);
        }
    }

    /// <summary>One creditor and one placed account, whose plans' activations the outbox carries.</summary>
    private static async Task<AccountId> SeedAccountAsync(TestDatabase database)
    {
        const string placement =
            "creditor_code,customer_ref,given_name,family_name,date_of_birth,language,address_line1,address_line2,city,postal_code,jurisdiction,time_zone,"
            + "mobile_phone,mobile_consent,home_phone,work_phone,email,email_type,email_consent,account_ref,product_type,original_creditor,currency,"
            + "principal,interest,fees,charge_off_date,last_payment_date,days_past_due,statute_of_limitations_date,status,statements\r\n"
            + "ACME-CARD,C-1,Ada,Lovelace,1985-12-10,en-US,1 Main St,,Boston,02110,US-MA,,,,,,,,,ADA-1,credit_card,,USD,1000.00,,,,,45,,open,\r\n";
        await using var scope = database.Scope();
        var setup = Staff.Acting("setup@parley", StaffRoles.Admin);
        await scope.ServiceProvider.GetRequiredService<IUseCase<CreateCreditorRequest, CreditorView>>()
            .HandleAsync(setup, new CreateCreditorRequest("ACME-CARD", "Acme Card Services", "USD"), Ct);
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(placement));
        var run = await scope.ServiceProvider.GetRequiredService<IUseCase<ImportPlacementsRequest, ImportRunSummary>>()
            .HandleAsync(setup, new ImportPlacementsRequest(file, "one.csv", DryRun: false), Ct);
        run.RowsAccepted.ShouldBe(1);
        return await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Account>().Select(a => a.Id).SingleAsync(Ct);
    }

    /// <summary>Stages plan activations on the account as the Arrangements module writes them; returns their keys.</summary>
    private static async Task<IReadOnlyList<string>> StageActivationsAsync(TestDatabase database, AccountId account, int from, int count)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var t0 = Instant.FromUtc(2026, 11, 2, 9, 0);
        var keys = new List<string>();
        for (var i = from; i < from + count; i++)
        {
            var activated = new ArrangementEvent(ArrangementEventType.Activated, new ArrangementId(NewId.Next()), account, ArrangementStatus.Active, t0 + Duration.FromSeconds(i), null, null);
            db.AddOutboxMessage(ArrangementEvents.TypeName(activated.Type), ArrangementEvents.Payload(activated), activated.At, ArrangementEvents.IdempotencyKey(activated));
            keys.Add(ArrangementEvents.IdempotencyKey(activated));
        }

        await db.SaveChangesAsync(Ct);
        return keys;
    }

    /// <summary>The outbox's current claims: each pass's messages, when its lease ends and whether it has yet to.</summary>
    private static async Task<IReadOnlyList<(Guid Claim, IReadOnlyList<string> Keys, Instant Until, bool Leased)>> ClaimsAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var read = new NpgsqlCommand(
            """
            SELECT "ClaimId", array_agg("IdempotencyKey"), min("ClaimedUntil"), min("ClaimedUntil") > now(), bool_and("DispatchedAt" IS NULL)
            FROM outbox_messages WHERE "ClaimId" IS NOT NULL GROUP BY "ClaimId"
            """,
            connection);
        var claims = new List<(Guid, IReadOnlyList<string>, Instant, bool)>();
        await using var reader = await read.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            reader.GetBoolean(4).ShouldBeTrue("a claimed message is never marked delivered");
            claims.Add((reader.GetGuid(0), reader.GetFieldValue<string[]>(1), Instant.FromDateTimeOffset(reader.GetFieldValue<DateTimeOffset>(2)), reader.GetBoolean(3)));
        }

        return claims;
    }

    /// <summary>Whether a session of the host process waits on a lock the given backend holds.</summary>
    private static async Task<bool> ChildWaitsOnAsync(TestDatabase database, int holder)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = @app AND @holder = ANY(pg_blocking_pids(pid))",
            connection);
        count.Parameters.AddWithValue("app", HostProcess.ApplicationName);
        count.Parameters.AddWithValue("holder", holder);
        return (long)(await count.ExecuteScalarAsync(Ct))! > 0;
    }

    private static async Task<long> ChildSessionsAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = @app", connection);
        count.Parameters.AddWithValue("app", HostProcess.ApplicationName);
        return (long)(await count.ExecuteScalarAsync(Ct))!;
    }

    /// <summary>Runs the test body; a failure carries the host process's last output.</summary>
    private static async Task WithOutputOf(HostProcess child, Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}{Environment.NewLine}--- the host process's last output ---{Environment.NewLine}{child.Tail(200)}", ex);
        }
    }

    /// <summary>
    /// The account's row, locked FOR UPDATE in an open transaction: a delivery for the account adds a change that refers
    /// to the row, so its save waits on the lock. Disposing rolls back, which frees it.
    /// </summary>
    private sealed class AccountRowLock(NpgsqlConnection connection, NpgsqlTransaction transaction, int pid) : IAsyncDisposable
    {
        public int Pid => pid;

        public static async Task<AccountRowLock> TakeAsync(TestDatabase database, AccountId account)
        {
            var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(Ct);
            var transaction = await connection.BeginTransactionAsync(Ct);
            await using var select = new NpgsqlCommand("""SELECT pg_backend_pid() FROM accounts_accounts WHERE "Id" = @id FOR UPDATE""", connection, transaction);
            select.Parameters.AddWithValue("id", account.Value);
            var pid = (int)(await select.ExecuteScalarAsync(Ct))!;
            return new AccountRowLock(connection, transaction, pid);
        }

        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync(CancellationToken.None);
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    /// <summary>
    /// The real web host from the build output (<c>Parley.Web.dll</c>, beside the tests) as a process of its own, on the
    /// test database with the jobs on, configured by environment variables; its sessions carry an application name the
    /// test finds them by, and its runs are read from its Debug log (<see cref="JobFireLog"/>, as JSON lines).
    /// </summary>
    private sealed class HostProcess : IAsyncDisposable
    {
        public const string ApplicationName = "parley-killed-host";

        private readonly Process _process;
        private readonly ConcurrentQueue<string> _output = new();
        private readonly ConcurrentQueue<(JobKey Job, DateTimeOffset Due, string Node)> _runs = new();
        private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private HostProcess(ProcessStartInfo start)
        {
            _process = new Process { StartInfo = start, EnableRaisingEvents = true };
            _process.OutputDataReceived += (_, e) => Read(e.Data);
            _process.ErrorDataReceived += (_, e) => Read(e.Data is null ? null : $"stderr: {e.Data}");
            _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException("The host process exited before it was ready."));
        }

        public ConcurrentQueue<(JobKey Job, DateTimeOffset Due, string Node)> Runs => _runs;

        public int ExitCode => _process.ExitCode;

        public static async Task<HostProcess> StartAsync(TestDatabase database, TimeSpan lease)
        {
            var start = new ProcessStartInfo(DotnetHost())
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Parley.Web.dll"));
            var settings = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["Database__Provider"] = nameof(DatabaseProvider.Postgres),
                ["ConnectionStrings__Parley"] = new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = ApplicationName }.ConnectionString,
                ["Parley__FieldEncryption__Key"] = TestDatabase.FieldEncryptionKey,
                ["Parley__Jobs__Enabled"] = "true",
                ["Parley__Jobs__Cluster__CheckinInterval"] = "00:00:01",
                ["Parley__Jobs__Cluster__CheckinMisfireThreshold"] = "00:00:10",
                ["Parley__Outbox__Lease"] = lease.ToString("c", CultureInfo.InvariantCulture),
                ["Logging__Console__FormatterName"] = "json",
                [$"Logging__LogLevel__{typeof(JobFireLog).FullName}"] = "Debug",
            };
            foreach (var job in ParleyJobs.All)
            {
                settings[job.IntervalKey.Replace(":", "__", StringComparison.Ordinal)] = Period.ToString("c", CultureInfo.InvariantCulture);
            }

            foreach (var (key, value) in settings)
            {
                start.Environment[key] = value;
            }

            var host = new HostProcess(start);
            try
            {
                host._process.Start();
                host._process.BeginOutputReadLine();
                host._process.BeginErrorReadLine();
                var address = await host._ready.Task.WaitAsync(Deadline, Ct);
                using var http = new HttpClient();
                (await http.GetAsync(new Uri($"{address}/health/ready"), Ct)).EnsureSuccessStatusCode();
                return host;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await host.DisposeAsync();
                throw new Xunit.Sdk.XunitException($"The host process did not start: {ex.Message}{Environment.NewLine}{host.Tail(200)}", ex);
            }
        }

        public void Kill() => _process.Kill(entireProcessTree: true);

        public Task ExitedAsync() => _process.WaitForExitAsync(Ct);

        public string Tail(int lines) => string.Join(Environment.NewLine, _output.TakeLast(lines));

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                }

                await _process.WaitForExitAsync(CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // Never started: nothing to stop.
            }

            _process.Dispose();
        }

        // A line of output that is not one log entry is kept for the failure message and read no further.
        private static JsonDocument? Parse(string line)
        {
            try
            {
                return JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        // The test's own dotnet, so the host runs on the runtime the tests run on.
        private static string DotnetHost() =>
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";

        private void Read(string? line)
        {
            if (line is null)
            {
                return;
            }

            _output.Enqueue(line);
            if (!line.StartsWith('{'))
            {
                return;
            }

            using var entry = Parse(line);
            if (entry is null)
            {
                return;
            }

            var category = entry.RootElement.GetProperty("Category").GetString();
            var state = entry.RootElement.TryGetProperty("State", out var s) ? s : default;
            if (category == typeof(JobFireLog).FullName)
            {
                var key = state.GetProperty("Job").GetString();
                var job = ParleyJobs.All.Single(j => j.Key.ToString() == key).Key;
                var due = DateTimeOffset.Parse(state.GetProperty("Due").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
                _runs.Enqueue((job, due, state.GetProperty("Node").GetString()!));
            }
            else if (category == "Parley.Web.Startup" && state.ValueKind == JsonValueKind.Object && state.TryGetProperty("Addresses", out var addresses))
            {
                _ready.TrySetResult(addresses.GetString()!.Split(' ')[0]);
            }
        }
    }
}
