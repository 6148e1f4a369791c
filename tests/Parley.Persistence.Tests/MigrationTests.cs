using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Parley.SharedKernel;
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

    [Theory]
    [DatabaseProviders]
    public async Task Upgrading_keeps_statements_stored_one_row_per_month_as_the_accounts_history(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
        var initial = db.Database.GetMigrations().First();
        await migrator.MigrateAsync(initial);

        // Data as the first release stored it: a creditor, a customer, an account and two monthly statement rows.
        var (creditor, customer, account) = (NewId.Next(), NewId.Next(), NewId.Next());
        var id = (Guid g) => provider == DatabaseProvider.Postgres ? g.ToString() : g.ToString().ToUpperInvariant();
        var uuid = provider == DatabaseProvider.Postgres ? "::uuid" : "";
        var date = provider == DatabaseProvider.Postgres ? "::date" : "";
        var at = provider == DatabaseProvider.Postgres ? "now()" : "0";
        var firstReleaseRows = $"""
            INSERT INTO accounts_creditors ("Id", "Code", "Name", "Currency", "Waterfall", "MinimumInstalmentMinor", "SettlementDiscountMinPercent", "SettlementDiscountMaxPercent")
            VALUES ('{id(creditor)}'{uuid}, 'OLD', 'Old', 'USD', 'fees>interest>principal', 2500, 0, 30);
            INSERT INTO accounts_customers ("Id", "CreditorId", "CustomerReference", "GivenName", "FamilyName", "Language")
            VALUES ('{id(customer)}'{uuid}, '{id(creditor)}'{uuid}, 'C1', 'Ada', 'Lovelace', 'en');
            INSERT INTO accounts_accounts ("Id", "CreditorId", "CustomerId", "CreditorReference", "ProductType", "OriginalCreditor", "Currency", "DaysPastDue", "DelinquencyBucket", "Status", "PlacedAt", "PlacementHash")
            VALUES ('{id(account)}'{uuid}, '{id(creditor)}'{uuid}, '{id(customer)}'{uuid}, 'A1', 'CreditCard', 'Acme', 'USD', 30, 'Dpd1To30', 'Open', {at}, 'h');
            INSERT INTO accounts_statements ("AccountId", "StatementDate", "AmountDueMinor", "MinimumDueMinor", "AmountPaidMinor", "DaysPastDue")
            VALUES ('{id(account)}'{uuid}, '2026-06-30'{date}, 32000, 2500, 0, 30), ('{id(account)}'{uuid}, '2026-05-31'{date}, 30000, 2500, 2500, 0);
            """;
        await db.Database.ExecuteSqlRawAsync(firstReleaseRows);

        await DatabaseMigrator.MigrateAsync(db, CancellationToken.None);

        var history = await db.Set<Parley.Modules.Accounts.Domain.Account>().AsNoTracking().Select(a => a.Statements).SingleAsync();
        history.Months.ShouldBe(
        [
            new Parley.Modules.Accounts.Domain.MonthlyStatement(new NodaTime.LocalDate(2026, 5, 31), 30000, 2500, 2500, 0),
            new Parley.Modules.Accounts.Domain.MonthlyStatement(new NodaTime.LocalDate(2026, 6, 30), 32000, 2500, 0, 30),
        ]);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Upgrading_gives_existing_customers_the_search_name_the_code_would_write(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith("_CustomerSearchName", StringComparison.Ordinal)) - 1];
        await migrator.MigrateAsync(before);

        string[][] names =
        [
            ["Verónica", "Aguilar"], ["DAVID", "ADAMS"], ["Siobhán", "O'Brien-Ní Dhomhnaill"], ["Jürgen", "Weiß"], ["Søren", "Kierkegaard"],
            ["Łukasz", "Żółć"], ["Nguyễn Thị", "Minh Khai"], ["Ægir", "Þórsson"], ["Зоя", "Ёлкина"], ["Ἀλέξανδρος", "Παπαδόπουλος"],
            ["Vero\u0301nica", "  Aguilar  "], ["Anne–Marie", "d’Arc"], ["José María", "García Márquez, Jr."],
        ];
        var creditor = NewId.Next();
        var id = (Guid g) => provider == DatabaseProvider.Postgres ? $"'{g}'::uuid" : $"'{g.ToString().ToUpperInvariant()}'";
        var rows = new List<string>();
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            rows.Add($"({id(NewId.Next())}, {id(creditor)}, 'C{i}', '{name[0].Replace("'", "''", StringComparison.Ordinal)}', '{name[1].Replace("'", "''", StringComparison.Ordinal)}', 'en')");
        }

        var olderRows = $"""
            INSERT INTO accounts_creditors ("Id", "Code", "Name", "Currency", "Waterfall", "MinimumInstalmentMinor", "SettlementDiscountMinPercent", "SettlementDiscountMaxPercent")
            VALUES ({id(creditor)}, 'OLD', 'Old', 'USD', 'fees>interest>principal', 2500, 0, 30);
            INSERT INTO accounts_customers ("Id", "CreditorId", "CustomerReference", "GivenName", "FamilyName", "Language") VALUES {string.Join(", ", rows)};
            """;
        await db.Database.ExecuteSqlRawAsync(olderRows);

        await DatabaseMigrator.MigrateAsync(db, CancellationToken.None);

        var stored = await db.Set<Parley.Modules.Accounts.Domain.Customer>().AsNoTracking().OrderBy(c => c.CustomerReference.Length).ThenBy(c => c.CustomerReference)
            .Select(c => new { c.GivenName, c.FamilyName, c.SearchName }).ToListAsync();
        stored.Count.ShouldBe(names.Length);
        stored.ShouldAllBe(c => c.SearchName == SearchText.Name(c.GivenName, c.FamilyName));
        stored[0].SearchName.ShouldBe("veronica aguilar");
    }

    [Theory]
    [DatabaseProviders]
    public async Task Upgrading_places_each_customers_contact_points_in_the_id_order_they_were_read_in(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith("_AccountsContactPosition", StringComparison.Ordinal)) - 1];
        await migrator.MigrateAsync(before);

        // Ada's rows were inserted in the reverse of their ids' order; Grace has one of each.
        var (creditor, ada, grace) = (NewId.Next(), NewId.Next(), NewId.Next());
        var low = (int n) => Guid.Parse($"00000000-0000-0000-0000-{n:D12}");
        var id = (Guid g) => provider == DatabaseProvider.Postgres ? $"'{g}'::uuid" : $"'{g.ToString().ToUpperInvariant()}'";
        var (yes, no) = provider == DatabaseProvider.Postgres ? ("true", "false") : ("1", "0");
        string Address(Guid row, Guid customer, string line1) =>
            $"({id(row)}, {id(customer)}, '{line1}', 'Boston', '02108', 'US-MA', 'America/New_York')";
        string Phone(Guid row, Guid customer, string e164) => $"({id(row)}, {id(customer)}, '{e164}', 'Mobile', {yes}, {no}, 'Placement')";
        string Email(Guid row, Guid customer, string address) => $"({id(row)}, {id(customer)}, '{address}', 'Personal', {yes}, 'Placement')";
        var olderRows = $"""
            INSERT INTO accounts_creditors ("Id", "Code", "Name", "Currency", "Waterfall", "MinimumInstalmentMinor", "SettlementDiscountMinPercent", "SettlementDiscountMaxPercent")
            VALUES ({id(creditor)}, 'OLD', 'Old', 'USD', 'fees>interest>principal', 2500, 0, 30);
            INSERT INTO accounts_customers ("Id", "CreditorId", "CustomerReference", "GivenName", "FamilyName", "Language")
            VALUES ({id(ada)}, {id(creditor)}, 'C1', 'Ada', 'Lovelace', 'en'), ({id(grace)}, {id(creditor)}, 'C2', 'Grace', 'Hopper', 'en');
            INSERT INTO accounts_addresses ("Id", "CustomerId", "Line1", "City", "PostalCode", "Jurisdiction", "TimeZone")
            VALUES {Address(low(13), ada, "3 Third St")}, {Address(low(12), ada, "2 Second St")}, {Address(low(11), ada, "1 First St")}, {Address(low(10), grace, "9 Ninth St")};
            INSERT INTO accounts_phones ("Id", "CustomerId", "E164", "Type", "ConsentToCall", "ConsentToSms", "Source")
            VALUES {Phone(low(22), ada, "+16175550102")}, {Phone(low(21), ada, "+16175550101")}, {Phone(low(20), grace, "+16175550109")};
            INSERT INTO accounts_emails ("Id", "CustomerId", "Address", "Type", "ConsentToEmail", "Source")
            VALUES {Email(low(32), ada, "second@example.com")}, {Email(low(31), ada, "first@example.com")}, {Email(low(30), grace, "grace@example.com")};
            """;
        await db.Database.ExecuteSqlRawAsync(olderRows);

        await DatabaseMigrator.MigrateAsync(db, CancellationToken.None);

        (await db.Set<Parley.Modules.Accounts.Domain.PostalAddress>().AsNoTracking().OrderBy(a => a.Line1).Select(a => new { a.Line1, a.Position }).ToListAsync())
            .Select(a => (a.Line1, a.Position)).ShouldBe([("1 First St", 0), ("2 Second St", 1), ("3 Third St", 2), ("9 Ninth St", 0)]);
        (await db.Set<Parley.Modules.Accounts.Domain.PhoneNumber>().AsNoTracking().OrderBy(p => p.E164).Select(p => new { p.E164, p.Position }).ToListAsync())
            .Select(p => (p.E164, p.Position)).ShouldBe([("+16175550101", 0), ("+16175550102", 1), ("+16175550109", 0)]);
        (await db.Set<Parley.Modules.Accounts.Domain.EmailAddress>().AsNoTracking().OrderBy(e => e.Address).Select(e => new { e.Address, e.Position }).ToListAsync())
            .Select(e => (e.Address, e.Position)).ShouldBe([("first@example.com", 0), ("grace@example.com", 0), ("second@example.com", 1)]);
    }
}
