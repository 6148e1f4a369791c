using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Parley.Composition;
using Parley.Persistence;

namespace Parley.Testing;

/// <summary>
/// A fresh, migrated database on one provider. SQLite always runs; PostgreSQL runs when PARLEY_TEST_POSTGRES holds
/// a connection string, and under CI its absence is a failure, never a skip.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFile;
    private readonly string? _postgresDatabase;

    private TestDatabase(DatabaseProvider provider, string connectionString, ServiceProvider services, FakeTimeProvider time, string? sqliteFile, string? postgresDatabase)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Services = services;
        Time = time;
        _sqliteFile = sqliteFile;
        _postgresDatabase = postgresDatabase;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>The PostgreSQL server's connection string, or a skip (locally) / failure (CI) when there is none.</summary>
    public static string RequirePostgres()
    {
        var cs = Environment.GetEnvironmentVariable("PARLEY_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(cs))
        {
            return cs;
        }

        if (IsCi)
        {
            Assert.Fail("PARLEY_TEST_POSTGRES is not set: PostgreSQL tests are required under CI.");
        }

        Assert.Skip("PostgreSQL tests need PARLEY_TEST_POSTGRES (scripts/test.sh sets it).");
        return "";
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, Action<IServiceCollection>? configure = null)
    {
        string connectionString;
        string? sqliteFile = null;
        string? pgDatabase = null;
        if (provider == DatabaseProvider.Sqlite)
        {
            sqliteFile = Path.Combine(Path.GetTempPath(), $"parley-test-{Guid.CreateVersion7():N}.db");
            connectionString = $"Data Source={sqliteFile}";
        }
        else
        {
            var server = RequirePostgres();
            pgDatabase = $"parley_test_{Guid.CreateVersion7():N}";
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {pgDatabase}", admin);
                await create.ExecuteNonQueryAsync();
            }

            connectionString = new NpgsqlConnectionStringBuilder(server) { Database = pgDatabase }.ConnectionString;
        }

        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 15, 0, 0, TimeSpan.Zero));
        var services = ParleyComposition.BuildServiceProvider(Configuration(provider, connectionString), s =>
        {
            s.AddSingleton<TimeProvider>(time);
            configure?.Invoke(s);
        });
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Database.MigrateAsync();
        }

        return new TestDatabase(provider, connectionString, services, time, sqliteFile, pgDatabase);
    }

    /// <summary>The field encryption key every test database uses (a test key, never a deployment's).</summary>
    public const string FieldEncryptionKey = "cGFybGV5LXRlc3QtZmllbGQta2V5LTMyLWJ5dGVzISE=";

    public static IConfiguration Configuration(DatabaseProvider provider, string connectionString) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Parley"] = connectionString,
            ["Parley:FieldEncryption:Key"] = FieldEncryptionKey,
        }).Build();

    /// <summary>
    /// A second set of composed services on this database, built as the CLI builds its own (system clock, no web host):
    /// for tests that run a command the way `parley` would. The caller disposes it.
    /// </summary>
    public ServiceProvider ComposeServices(Action<IServiceCollection>? configure = null) =>
        ParleyComposition.BuildServiceProvider(Configuration(Provider, ConnectionString), configure);

    /// <summary>A new scope with its own DbContext, like one request.</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_sqliteFile + suffix);
            }
        }

        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(RequirePostgres());
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
