using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Accounts.Import;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Accounts.Tests.Import;

/// <summary>
/// Runs that died (ADR 0014): a run whose process is gone is marked interrupted, with the counts its batches committed,
/// by the next import or host start-up; never while its lease holds; once however many hosts look at the same time;
/// and the same file run again finishes it with every row once.
/// </summary>
public sealed class InterruptedImportTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Rows A0000001–A0000010 in batches of two; the last row of batch <paramref name="badBatch"/> has a negative principal.</summary>
    private static string TenRows(int badBatch) => Rows(1, 10, badBatch);

    private static string Rows(int first, int count, int badBatch) =>
        PlacementFile.Csv(Enumerable.Range(first, count).Select(n => n - first + 1 == badBatch * 2 ? PlacementFile.Row(n, ("principal", "-10.00")) : PlacementFile.Row(n)));

    [Theory]
    [DatabaseProviders]
    public async Task A_run_from_another_host_is_interrupted_before_the_next_import_once_its_lease_ran_out_with_what_its_batches_committed(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);
        var lease = ImportLease.Default.Duration;
        var elsewhere = new ImportRunOwner("another-machine", 4242, NewId.Next());
        await using var other = AnotherHost(host.Database, elsewhere);

        // The other host commits two batches of two rows (one row rejected), then hangs, as if dead.
        var stuck = await StartStuckImportAsync(host, other, TenRows(badBatch: 2), afterBatch: 2);
        var committedAt = host.Database.Time.GetUtcNow();
        var run = await RunAsync(host, stuck.RunId);
        (run.Status, run.OwnerHost, run.OwnerProcessId, run.OwnerInstance).ShouldBe((ImportRunStatus.Running, "another-machine", 4242, elsewhere.Instance));
        run.LeaseUntil.ShouldBe(Instant.FromDateTimeOffset(committedAt) + lease);

        // While its lease holds, an import here leaves it running.
        host.Database.Time.Advance(lease.ToTimeSpan() - TimeSpan.FromSeconds(1));
        (await host.ImportAsync(PlacementFile.Csv([PlacementFile.Row(100)]))).Status.ShouldBe(ImportRunStatus.Completed);
        (await RunAsync(host, stuck.RunId)).Status.ShouldBe(ImportRunStatus.Running);

        // Once it has run out, the next import marks it interrupted first: the counts are its two committed batches.
        host.Database.Time.Advance(TimeSpan.FromSeconds(2));
        (await host.ImportAsync(PlacementFile.Csv([PlacementFile.Row(101)]))).Status.ShouldBe(ImportRunStatus.Completed);
        run = await RunAsync(host, stuck.RunId);
        run.Status.ShouldBe(ImportRunStatus.Interrupted);
        (run.RowsRead, run.RowsAccepted, run.RowsRejected, run.AccountsCreated).ShouldBe((4L, 3L, 1L, 3L));
        run.FinishedAt.ShouldBe(Instant.FromDateTimeOffset(committedAt), "it stopped after its last commit");
        run.Failure.ShouldBe(ImportRunSweeper.Advice);
        (await FileAccountsAsync(host)).ShouldBe(3);

        // Were it only slow, not dead, its next batch would be refused and leave the run as the others see it.
        stuck.Gate.Open();
        var refused = await Should.ThrowAsync<DomainException>(stuck.Import);
        refused.Error.ShouldBeOfType<ImportRunInterrupted>();
        run = await RunAsync(host, stuck.RunId);
        (run.Status, run.RowsRead, run.AccountsCreated).ShouldBe((ImportRunStatus.Interrupted, 4L, 3L));
        (await FileAccountsAsync(host)).ShouldBe(3);

        // The same file again finishes it: what was saved is recognised, the rest is added, each row once.
        var rerun = await host.ImportAsync(TenRows(badBatch: 2));
        (rerun.Status, rerun.AccountsUnchanged, rerun.AccountsCreated, rerun.RowsRejected).ShouldBe((ImportRunStatus.Completed, 3L, 6L, 1L));
        (await FileAccountsAsync(host)).ShouldBe(9);
        (await host.QueryAsync(db => db.Set<Parley.Modules.Payments.Domain.LedgerEntry>().CountAsync(Ct)))
            .ShouldBe(await LedgerEntriesOfAFreshImportAsync(provider, TenRows(badBatch: 2), PlacementFile.Csv([PlacementFile.Row(100), PlacementFile.Row(101)])));
    }

    [Theory]
    [DatabaseProviders]
    public async Task At_start_up_a_run_whose_process_on_this_machine_is_gone_is_interrupted_at_once_with_what_its_batches_committed(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);
        var here = ImportRunOwner.ThisProcess;

        // No process has pid 2^31-1, so that run's process is certainly gone.
        await using (var dead = AnotherHost(host.Database, new ImportRunOwner(here.Host, int.MaxValue, NewId.Next())))
        {
            var stuck = await StartStuckImportAsync(host, dead, TenRows(badBatch: 3), afterBatch: 3);

            // What a host does at start-up, with the lease far from out.
            (await MarkAsync(host, new MarkInterruptedImportsRequest())).Marked.ShouldBe(1);
            var run = await RunAsync(host, stuck.RunId);
            (run.Status, run.RowsRead, run.RowsAccepted, run.AccountsCreated).ShouldBe((ImportRunStatus.Interrupted, 6L, 5L, 5L));
            run.Failure.ShouldBe(ImportRunSweeper.Advice);
            (await MarkAsync(host, new MarkInterruptedImportsRequest())).Marked.ShouldBe(0, "marking is idempotent");
            stuck.Gate.Open();
            (await Should.ThrowAsync<DomainException>(stuck.Import)).Error.ShouldBeOfType<ImportRunInterrupted>();
        }

        // A run with this process's pid that this process did not start was a former life's (a restarted container is pid 1 again).
        host.Database.Time.Advance(TimeSpan.FromSeconds(1));
        await using (var former = AnotherHost(host.Database, new ImportRunOwner(here.Host, here.ProcessId, NewId.Next())))
        {
            var stuck = await StartStuckImportAsync(host, former, Rows(21, 5, badBatch: 1), afterBatch: 1);

            // Asked about the file, as `parley import` asks, it is marked and answered: the CLI says this run finishes it.
            var marked = await MarkAsync(host, new MarkInterruptedImportsRequest("/somewhere/else/placements.csv"));
            marked.Marked.ShouldBe(1);
            var latest = marked.LatestOfFile.ShouldNotBeNull();
            (latest.Id, latest.Status, latest.RowsRead).ShouldBe((stuck.RunId.Value, ImportRunStatus.Interrupted, 2L));
            stuck.Gate.Open();
            (await Should.ThrowAsync<DomainException>(stuck.Import)).Error.ShouldBeOfType<ImportRunInterrupted>();
        }

        // Once the file's latest run is not an interrupted one, there is nothing to say about it.
        await host.ImportAsync(TenRows(badBatch: 1));
        (await MarkAsync(host, new MarkInterruptedImportsRequest("placements.csv"))).LatestOfFile.ShouldBeNull();
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_run_of_this_very_process_is_never_taken_for_dead(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);
        var stuck = await StartStuckImportAsync(host, host.Database.Services, TenRows(badBatch: 2), afterBatch: 2);

        (await MarkAsync(host, new MarkInterruptedImportsRequest())).Marked.ShouldBe(0);
        (await RunAsync(host, stuck.RunId)).Status.ShouldBe(ImportRunStatus.Running);

        stuck.Gate.Open();
        var run = await stuck.Import;
        (run.Status, run.RowsRead, run.AccountsCreated).ShouldBe((ImportRunStatus.Completed, 10L, 9L));
        (await RunAsync(host, stuck.RunId)).RowsRead.ShouldBe(10);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Two_hosts_marking_at_the_same_moment_mark_each_dead_run_once(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);
        var lease = ImportLease.Default.Duration;
        for (var round = 0; round < 5; round++)
        {
            var stale = new List<ImportId>();
            await using (var scope = host.Database.Scope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
                var started = Instant.FromDateTimeOffset(host.Database.Time.GetUtcNow());
                for (var i = 0; i < 20; i++)
                {
                    var run = new ImportRun($"stale-{round}-{i}.csv", dryRun: false, started, new ImportRunOwner("gone-machine", 1000 + i, NewId.Next()), lease);
                    db.Add(run);
                    stale.Add(run.Id);
                }

                await db.SaveChangesAsync(Ct);
            }

            host.Database.Time.Advance(lease.ToTimeSpan() + TimeSpan.FromSeconds(1));
            await using var first = AnotherHost(host.Database, new ImportRunOwner("host-a", 1, NewId.Next()));
            await using var second = AnotherHost(host.Database, new ImportRunOwner("host-b", 2, NewId.Next()));
            using var together = new Barrier(2);
            var sweeps = await Task.WhenAll(
                Task.Run(() => SweepAsync(first, together), Ct),
                Task.Run(() => SweepAsync(second, together), Ct));

            sweeps.Sum(s => s.Marked).ShouldBe(stale.Count, $"round {round}: {sweeps[0].Marked} + {sweeps[1].Marked}");
            var runs = await host.QueryAsync(db => db.Set<ImportRun>().AsNoTracking().Where(r => stale.Contains(r.Id)).ToListAsync(Ct));
            runs.ShouldAllBe(r => r.Status == ImportRunStatus.Interrupted && r.FinishedAt == r.StartedAt && r.Failure == ImportRunSweeper.Advice);
        }
    }

    [Fact]
    public void A_lease_that_is_not_a_positive_time_span_is_refused_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ImportLease.Key] = "00:00:00" }).Build();
        Should.Throw<InvalidOperationException>(() => ImportLease.FromConfiguration(configuration)).Message.ShouldContain("Imports:Lease");
        ImportLease.FromConfiguration(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { [ImportLease.Key] = "00:00:30" }).Build())
            .Duration.ShouldBe(Duration.FromSeconds(30));
    }

    private static async Task<InterruptedImports> SweepAsync(ServiceProvider services, Barrier together)
    {
        await using var scope = services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService<IUseCase<MarkInterruptedImportsRequest, InterruptedImports>>();
        // Both connections open and warm before the two UPDATEs start together.
        await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<ImportRun>().CountAsync(Ct);
        together.SignalAndWait(Deadline, Ct);
        return await handler.HandleAsync(Actor.System("test"), new MarkInterruptedImportsRequest(), Ct);
    }

    private static async Task<InterruptedImports> MarkAsync(ImportHost host, MarkInterruptedImportsRequest request)
    {
        await using var scope = host.Database.Scope();
        return await scope.ServiceProvider.GetRequiredService<IUseCase<MarkInterruptedImportsRequest, InterruptedImports>>()
            .HandleAsync(Actor.System("test"), request, Ct);
    }

    /// <summary>Another host on the same database: the same fake clock, its own owner.</summary>
    private static ServiceProvider AnotherHost(TestDatabase database, ImportRunOwner owner) =>
        database.ComposeServices(s =>
        {
            s.AddSingleton<TimeProvider>(database.Time);
            s.AddSingleton(owner);
        });

    /// <summary>
    /// Starts importing <paramref name="file"/> in batches of two on <paramref name="services"/>, and holds it right after
    /// batch <paramref name="afterBatch"/> committed (as it writes that batch's reject to its report); returns then.
    /// </summary>
    private static async Task<StuckImport> StartStuckImportAsync(ImportHost host, IServiceProvider services, string file, int afterBatch)
    {
        var gate = new GatedReport();
        var import = Task.Run(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(file));
            var request = new PlacementImportRequest(stream, "placements.csv", DryRun: false) { BatchSize = 2, RejectsOut = gate };
            return await scope.ServiceProvider.GetRequiredService<PlacementImporter>().ImportAsync(request, CancellationToken.None);
        }, Ct);

        ImportRun? run = null;
        await Until(async () =>
        {
            if (import.IsFaulted)
            {
                await import;
            }

            // The gate first, then the run: read the other way round, the run could predate the batch the gate follows.
            if (!gate.Waiting)
            {
                return false;
            }

            run = await host.QueryAsync(db => db.Set<ImportRun>().AsNoTracking()
                .Where(r => r.FileName == "placements.csv" && r.Status == ImportRunStatus.Running)
                .OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(Ct));
            return run is not null;
        });
        run!.RowsRead.ShouldBe(afterBatch * 2L, "the run states the batches committed before it hung");
        return new StuckImport(run.Id, gate, import);
    }

    private static Task<ImportRun> RunAsync(ImportHost host, ImportId id) =>
        host.QueryAsync(db => db.Set<ImportRun>().AsNoTracking().SingleAsync(r => r.Id == id, Ct));

    /// <summary>Accounts A0000001–A0000010 that exist.</summary>
    private static Task<int> FileAccountsAsync(ImportHost host) =>
        host.QueryAsync(db => db.Set<Account>().CountAsync(a => a.CreditorReference.CompareTo("A0000001") >= 0 && a.CreditorReference.CompareTo("A0000010") <= 0, Ct));

    /// <summary>How many ledger entries importing <paramref name="files"/> once each writes on a fresh database.</summary>
    private static async Task<int> LedgerEntriesOfAFreshImportAsync(DatabaseProvider provider, params string[] files)
    {
        await using var fresh = await ImportHost.CreateAsync(provider);
        foreach (var file in files)
        {
            await fresh.ImportAsync(file);
        }

        return await fresh.QueryAsync(db => db.Set<Parley.Modules.Payments.Domain.LedgerEntry>().CountAsync(Ct));
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(Deadline);
        while (!await condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    private sealed record StuckImport(ImportId RunId, GatedReport Gate, Task<ImportRun> Import);

    /// <summary>A rejects report whose first line holds its writer until <see cref="Open"/>: the import hangs there, right after a commit.</summary>
    private sealed class GatedReport : StringWriter
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _waiting;

        public bool Waiting => _waiting;

        public void Open() => _open.TrySetResult();

        public override async Task WriteLineAsync(string? value)
        {
            if (!_open.Task.IsCompleted)
            {
                _waiting = true;
                await _open.Task.WaitAsync(Deadline);
            }

            await base.WriteLineAsync(value);
        }
    }
}
