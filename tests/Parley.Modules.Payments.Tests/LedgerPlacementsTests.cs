using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.Testing;
using Shouldly;
using static Parley.Modules.Payments.Tests.LedgerTestKit;

namespace Parley.Modules.Payments.Tests;

public sealed class LedgerPlacementsTests
{
    [Theory]
    [DatabaseProviders]
    public async Task A_new_account_opens_with_one_charge_of_the_stated_balances(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (a, b) = (AccountId.New(), AccountId.New());
        var interestFirst = AllocationWaterfall.Parse("interest>fees>principal");

        await db.PlaceAsync(Placement(a, 100_00, 20_00, 5_00, "file-1:a"), Placement(b, 50_00, 0, 0, "file-1:b", Currency.GBP, interestFirst));

        var entries = await db.EntriesAsync(a);
        entries.ShouldHaveSingleItem().Kind.ShouldBe(LedgerEntryKind.Charge);
        entries[0].Deltas.ShouldBe(new Buckets(100_00, 20_00, 5_00, 0));
        entries[0].AmountMinor.ShouldBe(125_00);
        entries[0].OccurredAt.ShouldBe(At);
        entries[0].IdempotencyKey.ShouldBe("file-1:a");
        var accountB = await db.AccountAsync(b);
        accountB.Currency.ShouldBe(Currency.GBP);
        accountB.PaymentOrder.ShouldBe(interestFirst);
        accountB.Placed.ShouldBe(new Buckets(50_00, 0, 0, 0));

        await using var scope = db.Scope();
        var balances = scope.ServiceProvider.GetRequiredService<IBalanceQueries>();
        var many = await balances.GetManyAsync([a, b, AccountId.New()], TestContext.Current.CancellationToken);
        many.Count.ShouldBe(2);
        many[a].Outstanding.ShouldBe(Money.Of(125m, Currency.USD));
        many[b].Principal.ShouldBe(Money.Of(50m, Currency.GBP));
        // The read model other modules join in SQL (the portfolio search sorts and filters by it).
        var over100 = await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<AccountBalanceView>().Where(v => v.OutstandingMinor > 100_00).Select(v => v.AccountId).ToListAsync(TestContext.Current.CancellationToken);
        over100.ShouldBe([a]);
        await db.ShouldMatchEntriesAsync();
    }

    [Theory]
    [DatabaseProviders]
    public async Task The_same_key_again_changes_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = AccountId.New();
        await db.PlaceAsync(Placement(id, 100_00, 0, 0, "file-1:a"));

        await db.PlaceAsync(Placement(id, 100_00, 0, 0, "file-1:a"));
        await db.PlaceAsync(Placement(id, 999_00, 0, 0, "file-1:a"), Placement(id, 999_00, 0, 0, "file-1:a"));

        (await db.EntriesAsync(id)).Count.ShouldBe(1);
        (await db.AccountAsync(id)).Balance.ShouldBe(new Buckets(100_00, 0, 0, 0));
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_restatement_posts_the_change_in_stated_figures_and_keeps_payments_taken(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = AccountId.New();
        await db.PlaceAsync(Placement(id, 100_00, 20_00, 5_00, "file-1:a"));
        await db.PostAsync(id, a => a.ReceivePayment(30_00, Posting("pay-1")));

        await db.PlaceAsync(Placement(id, 100_00, 25_00, 5_00, "file-2:a"));
        await db.PlaceAsync(Placement(id, 100_00, 25_00, 5_00, "file-3:a"));

        var entries = await db.EntriesAsync(id);
        entries.Select(e => e.Kind).ShouldBe([LedgerEntryKind.Charge, LedgerEntryKind.Payment, LedgerEntryKind.Adjustment]);
        entries[2].Deltas.ShouldBe(new Buckets(0, 5_00, 0, 0));
        entries[2].AmountMinor.ShouldBe(5_00);
        entries[2].Sequence.ShouldBe(3);
        var account = await db.AccountAsync(id);
        account.Balance.ShouldBe(new Buckets(95_00, 5_00, 0, 0));
        account.Placed.ShouldBe(new Buckets(100_00, 25_00, 5_00, 0));
        await db.ShouldMatchEntriesAsync();
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_reduction_beyond_what_is_left_is_held_as_credit(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = AccountId.New();
        await db.PlaceAsync(Placement(id, 100_00, 10_00, 0, "file-1:a"));
        await db.PostAsync(id, a => a.ReceivePayment(70_00, Posting("pay-1")));

        // The creditor took 90.00 directly: principal 100 -> 20, interest 10 -> 0.
        await db.PlaceAsync(Placement(id, 20_00, 0, 0, "file-2:a"));

        var adjustment = (await db.EntriesAsync(id))[^1];
        adjustment.Kind.ShouldBe(LedgerEntryKind.Adjustment);
        adjustment.Deltas.ShouldBe(new Buckets(-40_00, 0, 0, 50_00));
        adjustment.AmountMinor.ShouldBe(-90_00);
        (await db.AccountAsync(id)).OutstandingMinor.ShouldBe(110_00 - 70_00 - 90_00);
        await db.ShouldMatchEntriesAsync();
    }

    [Theory]
    [DatabaseProviders]
    public async Task Several_rows_for_one_account_in_a_batch_apply_in_order(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (a, b) = (AccountId.New(), AccountId.New());

        await db.PlaceAsync(
            Placement(a, 100_00, 0, 0, "row-1"),
            Placement(b, 10_00, 0, 0, "row-2"),
            Placement(a, 120_00, 0, 0, "row-3"),
            Placement(a, 120_00, 0, 0, "row-3"),
            Placement(a, 90_00, 1_00, 0, "row-4"));

        (await db.EntriesAsync(a)).Select(e => e.Deltas).ShouldBe([new(100_00, 0, 0, 0), new(20_00, 0, 0, 0), new(-30_00, 1_00, 0, 0)]);
        (await db.AccountAsync(a)).Balance.ShouldBe(new Buckets(90_00, 1_00, 0, 0));
        await db.ShouldMatchEntriesAsync();
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_placement_in_another_currency_is_refused_and_nothing_is_applied(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (a, b) = (AccountId.New(), AccountId.New());
        await db.PlaceAsync(Placement(a, 100_00, 0, 0, "file-1:a"));

        var error = await Should.ThrowAsync<DomainException>(() => db.PlaceAsync(Placement(b, 5_00, 0, 0, "file-2:b"), Placement(a, 100_00, 0, 0, "file-2:a", Currency.EUR)));

        error.Error.ShouldBeOfType<CurrencyMismatch>();
        await using var scope = db.Scope();
        (await scope.ServiceProvider.GetRequiredService<IBalanceQueries>().GetAsync(b, TestContext.Current.CancellationToken)).ShouldBeNull();
    }

    [Theory]
    [DatabaseProviders]
    public async Task Opening_new_accounts_writes_what_applying_would_and_refuses_an_existing_ledger(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (opened, applied) = (AccountId.New(), AccountId.New());
        var waterfall = AllocationWaterfall.Parse("interest>fees>principal");

        await db.OpenAsync(Placement(opened, 100_00, 20_00, 5_00, "open:a", Currency.GBP, waterfall));
        await db.PlaceAsync(Placement(applied, 100_00, 20_00, 5_00, "open:b", Currency.GBP, waterfall));

        var (a, b) = (await db.AccountAsync(opened), await db.AccountAsync(applied));
        (a.Currency, a.PaymentOrder, a.Balance, a.Placed, a.EntryCount, a.OutstandingMinor).ShouldBe((b.Currency, b.PaymentOrder, b.Balance, b.Placed, b.EntryCount, b.OutstandingMinor));
        var (entryA, entryB) = ((await db.EntriesAsync(opened)).ShouldHaveSingleItem(), (await db.EntriesAsync(applied)).ShouldHaveSingleItem());
        (entryA.Kind, entryA.Deltas, entryA.AmountMinor, entryA.Sequence, entryA.OccurredAt, entryA.Description)
            .ShouldBe((entryB.Kind, entryB.Deltas, entryB.AmountMinor, entryB.Sequence, entryB.OccurredAt, entryB.Description));
        entryA.IdempotencyKey.ShouldBe("open:a");
        await db.ShouldMatchEntriesAsync();

        await Should.ThrowAsync<DbException>(() => db.OpenAsync(Placement(applied, 1_00, 0, 0, "open:again")));
        (await db.EntriesAsync(applied)).Count.ShouldBe(1);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Without_a_caller_transaction_the_batch_runs_in_its_own(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = AccountId.New();

        await using (var scope = db.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<ILedgerPlacements>().ApplyAsync([Placement(id, 1_00, 0, 0, "k")], TestContext.Current.CancellationToken);
        }

        (await db.AccountAsync(id)).Balance.ShouldBe(new Buckets(1_00, 0, 0, 0));
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_changed_waterfall_orders_later_payments(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (a, b) = (AccountId.New(), AccountId.New());
        await db.PlaceAsync(Placement(a, 100_00, 10_00, 10_00, "a"), Placement(b, 100_00, 10_00, 10_00, "b"));

        await using (var scope = db.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<ILedgerPlacements>()
                .SetWaterfallAsync([a], AllocationWaterfall.Parse("principal>interest>fees"), TestContext.Current.CancellationToken);
        }

        (await db.PostAsync(a, x => x.ReceivePayment(15_00, Posting("p")))).Deltas.ShouldBe(new Buckets(-15_00, 0, 0, 0));
        (await db.PostAsync(b, x => x.ReceivePayment(15_00, Posting("p")))).Deltas.ShouldBe(new Buckets(0, -5_00, -10_00, 0));
    }

    // PostgreSQL only: SQLite has one writer per database, so two restatements there cannot even overlap.
    [Fact]
    public async Task Two_concurrent_restatements_of_one_account_on_PostgreSQL_serialise()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var id = AccountId.New();
        await db.PlaceAsync(Placement(id, 100_00, 0, 0, "file-1:a"));

        // The first restatement is applied in a transaction left open: it holds the account's row until it commits.
        await using var first = db.Scope();
        var firstContext = first.ServiceProvider.GetRequiredService<ParleyDbContext>();
        await using var firstTransaction = await firstContext.Database.BeginTransactionAsync(cancellation);
        await first.ServiceProvider.GetRequiredService<ILedgerPlacements>().ApplyAsync([Placement(id, 120_00, 0, 0, "file-2:a")], cancellation);

        await using var second = db.Scope();
        var secondContext = second.ServiceProvider.GetRequiredService<ParleyDbContext>();
        await secondContext.Database.OpenConnectionAsync(cancellation);
        var secondPid = await secondContext.Database.SqlQuery<int>($"SELECT pg_backend_pid() AS \"Value\"").SingleAsync(cancellation);
        var secondRestatement = Task.Run(async () =>
        {
            await using var transaction = await secondContext.Database.BeginTransactionAsync(cancellation);
            await second.ServiceProvider.GetRequiredService<ILedgerPlacements>().ApplyAsync([Placement(id, 150_00, 0, 0, "file-3:a")], cancellation);
            await transaction.CommitAsync(cancellation);
        }, cancellation);

        // The barrier: the second restatement must be blocked on a lock the first holds, not finished or failed.
        (await WaitUntilBlockedAsync(db, secondPid, secondRestatement)).ShouldBeTrue("the second restatement never waited for the first");
        secondRestatement.IsCompleted.ShouldBeFalse();
        await firstTransaction.CommitAsync(cancellation);
        await secondRestatement;

        // Serialised: the second read the first's committed balance, so each posted its own change in turn.
        var entries = await db.EntriesAsync(id);
        entries.Select(e => e.Sequence).ShouldBe([1L, 2L, 3L]);
        entries.Select(e => e.Deltas.Principal).ShouldBe([100_00L, 20_00L, 30_00L]);
        var account = await db.AccountAsync(id);
        account.Balance.ShouldBe(new Buckets(150_00, 0, 0, 0));
        account.Placed.ShouldBe(new Buckets(150_00, 0, 0, 0));
        await db.ShouldMatchEntriesAsync();
    }

    /// <summary>Polls the server until the backend waits on a lock; false if the work ends first or a minute passes.</summary>
    private static async Task<bool> WaitUntilBlockedAsync(TestDatabase db, int pid, Task work)
    {
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        for (var attempt = 0; attempt < 600 && !work.IsCompleted; attempt++)
        {
            var waiting = await context.Database
                .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE pid = {pid} AND wait_event_type = 'Lock'")
                .SingleAsync(TestContext.Current.CancellationToken);
            if (waiting == 1)
            {
                return true;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return false;
    }

    [Theory]
    [DatabaseProviders]
    public async Task Fifty_thousand_accounts_open_and_restate_exactly(DatabaseProvider provider)
    {
        const int accounts = 50_000;
        const int batchSize = 5_000;
        await using var db = await TestDatabase.CreateAsync(provider);
        var ids = Enumerable.Range(0, accounts).Select(_ => AccountId.New()).ToArray();

        var opened = await TimeBatchesAsync(db, ids.Select((id, i) => Placement(id, 1_000_00 + i, i % 500, 25_00, $"open:{i}")).Chunk(batchSize));
        var restated = await TimeBatchesAsync(db, ids.Select((id, i) => Placement(id, 1_000_00 + i, (i % 500) + 1, 25_00, $"restate:{i}")).Chunk(batchSize));

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{provider}: opened {accounts / opened.TotalSeconds:N0} accounts/s, restated {accounts / restated.TotalSeconds:N0} accounts/s");
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        (await context.Set<LedgerEntry>().CountAsync(TestContext.Current.CancellationToken)).ShouldBe(2 * accounts);
        (await context.Set<LedgerAccount>().SumAsync(a => a.InterestMinor, TestContext.Current.CancellationToken))
            .ShouldBe(Enumerable.Range(0, accounts).Sum(i => (long)(i % 500) + 1));
        await db.ShouldMatchEntriesAsync();
    }

    private static async Task<TimeSpan> TimeBatchesAsync(TestDatabase db, IEnumerable<PlacementBalance[]> batches)
    {
        var clock = Stopwatch.StartNew();
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var placements = scope.ServiceProvider.GetRequiredService<ILedgerPlacements>();
        await using var transaction = await context.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
        foreach (var batch in batches)
        {
            await placements.ApplyAsync(batch, TestContext.Current.CancellationToken);
        }

        await transaction.CommitAsync(TestContext.Current.CancellationToken);
        return clock.Elapsed;
    }
}
