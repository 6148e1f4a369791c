using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Testing;
using Shouldly;

namespace Parley.Persistence.Tests;

public sealed class MigrationTests
{
    [Theory]
    [DatabaseProviders]
    public async Task Every_migration_applies_to_an_empty_database_and_matches_the_model(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();

        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).ShouldNotBeEmpty();
        db.Database.HasPendingModelChanges().ShouldBeFalse("the model has changes no migration captures: run scripts/add-migration.sh");
    }

    [Theory]
    [DatabaseProviders]
    public async Task Migrating_twice_is_harmless(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        (await DatabaseMigrator.MigrateAsync(db, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Sqlite_runs_in_wal_mode_with_foreign_keys()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        await db.Database.OpenConnectionAsync();
        (await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync()).Single().ShouldBe("wal");
        (await db.Database.SqlQueryRaw<long>("PRAGMA foreign_keys").ToListAsync()).Single().ShouldBe(1);
    }

    [Fact]
    public void Configuration_picks_the_provider_and_refuses_nonsense()
    {
        var pg = DatabaseSettings.FromConfiguration(TestDatabase.Configuration(DatabaseProvider.Postgres, "Host=localhost"));
        pg.Provider.ShouldBe(DatabaseProvider.Postgres);
        Should.Throw<InvalidOperationException>(() => DatabaseSettings.FromConfiguration(
            Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(new Microsoft.Extensions.Configuration.ConfigurationBuilder(), new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" }).Build()));
        Should.Throw<InvalidOperationException>(() => DatabaseSettings.FromConfiguration(
            Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(new Microsoft.Extensions.Configuration.ConfigurationBuilder(), new Dictionary<string, string?> { ["Database:Provider"] = "Postgres" }).Build()));
    }
}
