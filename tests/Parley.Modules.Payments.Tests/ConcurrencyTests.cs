using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Ledger;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.Testing;
using Shouldly;
using static Parley.Modules.Payments.Tests.LedgerTestKit;

namespace Parley.Modules.Payments.Tests;

public sealed class ConcurrencyTests
{
    [Theory]
    [DatabaseProviders]
    public async Task Twenty_parallel_payments_on_one_account_lose_nothing_and_a_shared_key_posts_once(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = AccountId.New();
        await db.PlaceAsync(Placement(id, 1_000_00, 50_00, 10_00, "open"));
        var distinct = Enumerable.Range(0, 20).Select(i => new PaymentCommand(10m + (i / 100m), "USD", null, "card", null, $"pay-{i}"));
        var sameKey = Enumerable.Range(0, 5).Select(_ => new PaymentCommand(7.77m, "USD", null, "cash", null, "shared"));

        var posted = await Task.WhenAll(distinct.Concat(sameKey).Select(async command =>
        {
            await using var scope = db.Scope();
            var writer = scope.ServiceProvider.GetRequiredService<LedgerWriter>();
            var clock = scope.ServiceProvider.GetRequiredService<IClock>();
            return await RecordPayment.PostAsync(id, command, RecordPayment.RequestHash(command), writer, clock, TestContext.Current.CancellationToken);
        }));

        posted.Where(p => p.Entry.IdempotencyKey == "shared").Select(p => p.Entry.Id).Distinct().ShouldHaveSingleItem();
        posted.Count(p => !p.Replayed).ShouldBe(21);
        var entries = await db.EntriesAsync(id);
        entries.Count(e => e.Kind == LedgerEntryKind.Payment).ShouldBe(21);
        var paid = Enumerable.Range(0, 20).Sum(i => 10_00 + i) + 7_77;
        (await db.AccountAsync(id)).OutstandingMinor.ShouldBe(1_060_00 - paid);
        await db.ShouldMatchEntriesAsync();
    }

    [Theory]
    [DatabaseProviders]
    public async Task The_writer_refuses_a_caller_transaction_it_could_not_retry_in(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = AccountId.New();
        await db.PlaceAsync(Placement(id, 100_00, 0, 0, "open"));
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        await using var transaction = await context.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
        var command = new PaymentCommand(1m, "USD", null, "card", null, "in-transaction");

        await Should.ThrowAsync<InvalidOperationException>(() => RecordPayment.PostAsync(
            id, command, RecordPayment.RequestHash(command), scope.ServiceProvider.GetRequiredService<LedgerWriter>(),
            scope.ServiceProvider.GetRequiredService<IClock>(), TestContext.Current.CancellationToken));
    }
}
