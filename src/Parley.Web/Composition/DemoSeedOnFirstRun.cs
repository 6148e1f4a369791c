using Microsoft.EntityFrameworkCore;
using Parley.Demo;
using Parley.Demo.Seeding;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Decisioning.Live;
using Parley.Modules.Decisioning.Registry;
using Parley.Persistence;

namespace Parley.Web.Composition;

/// <summary>
/// With <c>Demo:SeedOnFirstRun=true</c>, seeds the default demo portfolio when the host starts on a database with no
/// accounts, so a fresh checkout shows a realistic portfolio. A database that has accounts is never touched.
/// </summary>
public sealed class DemoSeedOnFirstRun(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DemoSeedOnFirstRun> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Demo:SeedOnFirstRun"))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        if (await db.Set<Account>().AnyAsync(cancellationToken))
        {
            logger.LogInformation("Demo:SeedOnFirstRun is set but the database already has accounts; not seeding.");
            return;
        }

        var result = await ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider).SeedAsync(DemoDefaults.Seed, DemoDefaults.People, cancellationToken);
        logger.LogInformation(
            "Seeded the demo portfolio: {Accounts} accounts ({Rejected} rejected), {Holds} holds, {Payments} payments.",
            result.Import.AccountsCreated,
            result.Import.RowsRejected,
            result.HoldsPlaced,
            result.PaymentsPosted);

        // The shipped default model, so a newcomer's account pages open on a score (as `parley demo seed` does).
        var registered = await scope.ServiceProvider.GetRequiredService<DefaultModel>().EnsureAsync(cancellationToken);
        var scored = await scope.ServiceProvider.GetRequiredService<ScorePortfolio>().HandleAsync(cancellationToken);
        logger.LogInformation("Default models registered: {Registered}; accounts scored: {Scored} (early warning {Version}, propensity {PropensityVersion}).", registered.Count, scored.Accounts, scored.ModelVersion, scored.PropensityVersion);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
