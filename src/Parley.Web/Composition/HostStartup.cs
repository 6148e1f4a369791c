using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Parley.Web.Security;

namespace Parley.Web.Composition;

/// <summary>
/// What the host does before it listens (migrations, the first admin, imports left running by a process that is gone) and the line that says it is ready, each logged,
/// so a first start on a fresh machine says what it is doing instead of sitting silent.
/// </summary>
public static partial class HostStartup
{
    private const string Category = "Parley.Web.Startup";

    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        var started = Stopwatch.GetTimestamp();
        if (pending > 0)
        {
            var connection = db.Database.GetDbConnection();
            LogMigrating(logger, pending, db.Provider, db.Provider == DatabaseProvider.Sqlite ? connection.DataSource : $"{connection.DataSource}/{connection.Database}");
        }

        await DatabaseMigrator.MigrateAsync(db, cancellationToken);
        if (pending > 0)
        {
            LogMigrated(logger, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        await scope.ServiceProvider.GetRequiredService<StaffBootstrapper>().RunAsync(cancellationToken);

        // A fresh install can send: the approved default templates, when the library is empty (two hosts: one installs).
        await scope.ServiceProvider.GetRequiredService<IUseCase<InstallDefaultTemplatesRequest, int>>()
            .HandleAsync(Actor.System("host start-up"), new InstallDefaultTemplatesRequest(), cancellationToken);

        // An import whose process died (this host's last life, or another host past its lease) stops showing as running.
        var interrupted = await scope.ServiceProvider.GetRequiredService<IUseCase<MarkInterruptedImportsRequest, InterruptedImports>>()
            .HandleAsync(Actor.System("host start-up"), new MarkInterruptedImportsRequest(), cancellationToken);
        if (interrupted.Marked > 0)
        {
            LogInterrupted(logger, interrupted.Marked);
        }
    }

    /// <summary>Once Kestrel listens (after any first-run seeding), says where to open Parley.</summary>
    public static void AnnounceWhenReady(WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            LogReady(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category), string.Join(" or ", addresses));
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} database migrations to the {Provider} database {Database}…")]
    private static partial void LogMigrating(ILogger logger, int count, DatabaseProvider provider, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database is up to date ({Seconds:0.0} s).")]
    private static partial void LogMigrated(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marked {Count} import runs interrupted: their process ended mid-file. Run the same files again to finish them (saved rows are not added twice).")]
    private static partial void LogInterrupted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ready: open {Addresses}")]
    private static partial void LogReady(ILogger logger, string addresses);
}
