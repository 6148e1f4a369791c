using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Contracts;
using Parley.Persistence;
using Parley.Testing;
using Parley.Web.Jobs;
using Parley.Web.Tests.Guarded;
using Parley.Web.Ui.Shared;

namespace Parley.Web.Tests.Jobs;

/// <summary>
/// A host as deployed, with the scheduler on and every job every two seconds on the host's clock (the test's fake one),
/// and the waiting that goes with it: each poll moves the clock a second so the jobs fire on it.
/// </summary>
internal static class ScheduledHost
{
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    public static Task<ParleyWebFactory> StartAsync()
    {
        var settings = new Dictionary<string, string?> { ["Parley:Jobs:Enabled"] = "true" };
        foreach (var job in ParleyJobs.All)
        {
            settings[job.IntervalKey] = "00:00:02";
        }

        return ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite, settings: settings);
    }

    /// <summary>Creates the ACME-CARD creditor and loads the placement rows, as an admin would.</summary>
    public static async Task<ImportRunSummary> PlaceAsync(ParleyWebFactory factory, string fileName, params string[] rows)
    {
        var scopes = factory.Services.GetRequiredService<IServiceScopeFactory>();
        await scopes.RunAsync<CreateCreditorRequest, CreditorView>(GuardedWorld.Admin, new CreateCreditorRequest("ACME-CARD", "Acme Card Services", "USD"));
        using var file = new MemoryStream(GuardedWorld.PlacementFile(rows));
        return await scopes.RunAsync<ImportPlacementsRequest, ImportRunSummary>(GuardedWorld.Admin, new ImportPlacementsRequest(file, fileName, DryRun: false));
    }

    /// <summary>Reads until <paramref name="done"/>, moving the host's clock a second a poll (after <paramref name="beforeTick"/>, which may move it further).</summary>
    public static async Task<T> UntilAsync<T>(
        ParleyWebFactory factory, Func<ParleyDbContext, Task<T>> read, Func<T, bool> done, Func<string> what, Func<ParleyDbContext, Task>? beforeTick = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
                var value = await read(db);
                if (done(value))
                {
                    return value;
                }

                if (waited.Elapsed > Deadline)
                {
                    throw new TimeoutException($"Waited {Deadline} for {what()}.");
                }

                if (beforeTick is not null)
                {
                    await beforeTick(db);
                }
            }

            factory.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(250), TestContext.Current.CancellationToken);
        }
    }
}
