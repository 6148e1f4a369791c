using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Import;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;

namespace Parley.Web.Tests;

/// <summary>
/// The web host, as it starts, marks interrupted the imports whose process is gone (ADR 0014), with the counts their
/// batches committed, and leaves a run whose owner still holds its lease on another machine running.
/// </summary>
public sealed class InterruptedImportsAtStartupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [DatabaseProviders]
    public async Task A_starting_host_marks_a_run_whose_process_is_gone_interrupted_with_its_committed_counts_and_the_api_says_so(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var started = Instant.FromDateTimeOffset(database.Time.GetUtcNow());
        var lease = ImportLease.Default.Duration;

        // Left by earlier processes: one on this machine whose process no longer exists (no process has pid 2^31-1), with
        // two batches committed; one on another machine still within its lease.
        var dead = new ImportRun("killed.csv", dryRun: false, started, new ImportRunOwner(ImportRunOwner.ThisProcess.Host, int.MaxValue, NewId.Next()), lease);
        var alive = new ImportRun("elsewhere.csv", dryRun: false, started, new ImportRunOwner("another-machine", 77, NewId.Next()), lease);
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            db.AddRange(dead, alive);
            await db.SaveChangesAsync(Ct);
            // What its two batch commits wrote on the run, the last one a minute in.
            var lastCommit = started + Duration.FromMinutes(1);
            await db.Set<ImportRun>().Where(r => r.Id == dead.Id).ExecuteUpdateAsync(
                s => s.SetProperty(r => r.RowsRead, 10_000L).SetProperty(r => r.RowsAccepted, 9_998L).SetProperty(r => r.RowsRejected, 2L)
                    .SetProperty(r => r.AccountsCreated, 9_998L).SetProperty(r => r.HeartbeatAt, lastCommit).SetProperty(r => r.LeaseUntil, lastCommit + lease),
                Ct);
        }

        await using var factory = new ParleyWebFactory(database);
        var supervisor = factory.ClientAs(StaffRoles.Supervisor);

        var interrupted = await supervisor.GetFromJsonAsync<JsonElement>($"/api/imports/{dead.Id}", Ct);
        interrupted.GetProperty("status").GetString().ShouldBe("interrupted");
        (interrupted.GetProperty("rowsRead").GetInt64(), interrupted.GetProperty("rowsAccepted").GetInt64(), interrupted.GetProperty("rowsRejected").GetInt64(),
            interrupted.GetProperty("accountsCreated").GetInt64()).ShouldBe((10_000L, 9_998L, 2L, 9_998L));
        interrupted.GetProperty("finishedAt").GetString().ShouldBe("2026-11-02T15:01:00Z", "it stopped after its last commit");
        interrupted.GetProperty("failure").GetString().ShouldBe(
            "The process running this import ended before the end of the file. Run the same file again to finish: rows already saved are recognised and not added twice.");

        var running = await supervisor.GetFromJsonAsync<JsonElement>($"/api/imports/{alive.Id}", Ct);
        running.GetProperty("status").GetString().ShouldBe("running");
        running.GetProperty("finishedAt").ValueKind.ShouldBe(JsonValueKind.Null);
    }
}
