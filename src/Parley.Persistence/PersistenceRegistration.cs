using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Persistence.Outbox;
using Parley.Persistence.Protection;

namespace Parley.Persistence;

/// <summary>Database settings: <c>Database:Provider</c> (Sqlite | Postgres) and <c>ConnectionStrings:Parley</c>.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string SqliteMigrationsAssembly = "Parley.Persistence.Sqlite";
    public const string PostgresMigrationsAssembly = "Parley.Persistence.Postgres";

    public static DatabaseSettings FromConfiguration(IConfiguration configuration)
    {
        var providerText = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider))
        {
            throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{providerText}'.");
        }

        var connectionString = configuration.GetConnectionString("Parley");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new InvalidOperationException("ConnectionStrings:Parley is required when Database:Provider is Postgres.");
            }

            var folder = Path.GetFullPath(configuration["Database:DataFolder"] ?? "data");
            Directory.CreateDirectory(folder);
            connectionString = $"Data Source={Path.Combine(folder, "parley.db")}";
        }

        return new(provider, connectionString);
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, ParleyModelCacheKeyFactory>();
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly));
                options.AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly).UseNodaTime());
                break;
            default:
                throw new InvalidOperationException($"Unsupported provider {Provider}.");
        }
    }
}

/// <summary>
/// WAL for concurrent readers, a busy timeout instead of immediate lock errors, enforced foreign keys, and 8 KiB pages
/// for a new database (fewer B-tree pages to split and write per imported account; an existing file keeps its size).
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    public static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size=8192; PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
    }
}

public static class PersistenceRegistration
{
    public static IServiceCollection AddParleyPersistence(this IServiceCollection services, DatabaseSettings settings, FieldCipher cipher, IReadOnlyList<Assembly> moduleAssemblies)
    {
        services.AddSingleton(settings);
        services.AddSingleton(cipher);
        services.AddSingleton(new ParleyModel(settings.Provider, moduleAssemblies, cipher));
        // Not pooled (yet): with AddDbContextPool a second context waiting on a row another holds never reached the
        // database (LedgerPlacementsTests); pooling saved ~0.5 ms of CPU per payment, to win back once understood.
        services.AddDbContext<ParleyDbContext>(settings.Configure);
        services.AddOutbox();
        return services;
    }
}
