using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parley.Demo;
using Parley.Demo.Seeding;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Decisioning.Contracts;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Composition;

/// <summary>
/// With <c>Demo:SeedOnFirstRun=true</c>, seeds the default demo portfolio when the host starts on a database with no
/// accounts, so a fresh checkout shows a realistic portfolio. A database that has accounts is never touched.
/// Runs before the host listens, so the first page a newcomer opens already shows the portfolio; each step is logged.
/// A generic-host service, not a web one: the web host adds it; the CLI seeds on request (<c>parley demo seed</c>).
/// </summary>
public sealed partial class DemoSeedOnFirstRun(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DemoSeedOnFirstRun> logger) : IHostedService
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
            LogAlreadySeeded(logger);
            return;
        }

        LogSeeding(logger, DemoDefaults.People);
        var started = Stopwatch.GetTimestamp();
        var result = await ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider).SeedAsync(DemoDefaults.Seed, DemoDefaults.People, cancellationToken);
        LogSeeded(logger, result.Import.AccountsCreated, result.Import.RowsRejected, result.HoldsPlaced, result.PaymentsPosted, Stopwatch.GetElapsedTime(started).TotalSeconds);

        // The shipped default models, so a newcomer's account pages open on a score (as `parley demo seed` does).
        started = Stopwatch.GetTimestamp();
        var system = Actor.System("demo seed on first run");
        var registered = await scope.ServiceProvider.GetRequiredService<IUseCase<RegisterDefaultModelsRequest, IReadOnlyList<ModelRegistration>>>()
            .HandleAsync(system, new RegisterDefaultModelsRequest(), cancellationToken);
        LogScoring(logger, result.Import.AccountsCreated, registered.Count);
        var scored = await scope.ServiceProvider.GetRequiredService<IUseCase<ScorePortfolioRequest, PortfolioScoring>>().HandleAsync(system, new ScorePortfolioRequest(), cancellationToken);
        LogScored(logger, scored.Accounts, scored.ModelVersion, scored.PropensityVersion, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo:SeedOnFirstRun is set but the database already has accounts; not seeding.")]
    private static partial void LogAlreadySeeded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeding the demo portfolio ({People} people)…")]
    private static partial void LogSeeding(ILogger logger, int people);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Accounts} accounts ({Rejected} rejected), {Holds} holds and {Payments} payments in {Seconds:0.0} s.")]
    private static partial void LogSeeded(ILogger logger, long accounts, long rejected, int holds, int payments, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scoring {Accounts} accounts with the default models ({Registered} registered)…")]
    private static partial void LogScoring(ILogger logger, long accounts, int registered);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scored {Accounts} accounts in {Seconds:0.0} s (early warning {Version}, propensity {PropensityVersion}).")]
    private static partial void LogScored(ILogger logger, int accounts, string? version, string? propensityVersion, double seconds);
}
