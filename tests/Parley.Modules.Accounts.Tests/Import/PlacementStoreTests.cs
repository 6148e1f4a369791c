using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Import;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.Persistence;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Accounts.Tests.Import;

public sealed class PlacementStoreTests
{
    [Theory]
    [DatabaseProviders]
    public async Task Foreign_keys_are_enforced_again_on_the_same_connection_once_a_batch_commits(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);
        await using var scope = host.Database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        await db.Database.OpenConnectionAsync();
        IPlacementStore store = provider == DatabaseProvider.Postgres ? new PostgresPlacementStore(db) : new SqlitePlacementStore(db);
        await using (var batch = await db.Database.BeginTransactionAsync())
        {
            await store.LockAsync(CancellationToken.None);
            await batch.CommitAsync();
        }

        // A reject of an import run that does not exist: the batch's relaxed checks must not outlive its transaction.
        var orphan = db.Database.ExecuteSqlAsync(
            $"INSERT INTO accounts_import_rejects (\"ImportId\", \"RowNumber\", \"Ordinal\", \"AccountRef\", \"Field\", \"Message\") VALUES ({Guid.CreateVersion7()}, 2, 0, 'A1', '', 'x')");

        await Should.ThrowAsync<DbException>(orphan);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Every_column_the_stores_write_reads_back_as_written(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);

        var run = await host.ImportAsync(PlacementFile.Csv([PlacementFile.Line(PlacementFile.Row(1))]));

        var account = (await host.AccountsAsync()).Single();
        (account.ChargeOffDate, account.LastPaymentDate, account.StatuteOfLimitationsDate, account.DaysPastDue)
            .ShouldBe((new LocalDate(2026, 3, 31), new LocalDate(2026, 1, 15), new LocalDate(2030, 1, 15), 120));
        // The import's start, to the storage's precision (microseconds on PostgreSQL).
        (account.PlacedAt - run.StartedAt).ShouldBeInRange(Duration.FromTicks(-10), Duration.Zero);
        account.Statements.Count.ShouldBe(2);
        var entry = await host.QueryAsync(db => db.Set<LedgerEntry>().AsNoTracking().SingleAsync());
        (entry.AccountId, entry.Sequence, entry.Kind, entry.OccurredAt, entry.AmountMinor).ShouldBe((account.Id, 1L, LedgerEntryKind.Charge, account.PlacedAt, 120050L + 3510L + 2500L));
        (await host.BalanceAsync(account)).ShouldBe((120050L, 3510L, 2500L));
    }
}
