using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.Persistence.Conventions;
using Parley.SharedKernel;
using Parley.Testing;
using Shouldly;

namespace Parley.Persistence.Tests;

public sealed class BulkReaderTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 11, 2, 15, 0, 30).PlusTicks(1_234_560);

    [Theory]
    [DatabaseProviders]
    public async Task A_bulk_read_builds_every_row_exactly_as_EF_reads_it_and_skips_keys_with_no_row(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var ct = TestContext.Current.CancellationToken;
        // Between them: strongly typed ids, a currency, an enum stored as text, instants, a sealed date of birth and
        // none, optional text and an optional id both set and null.
        var creditor = new Creditor("BULK-READ", "Bulk", Currency.USD, new CreditorPolicy(AllocationWaterfall.Default, Money.Of(25m, Currency.USD), 0m, 30m));
        var withDate = new Customer(creditor.Id, "C-1", new PersonName("Ada", "Lovelace"), new LocalDate(1985, 12, 10), "en");
        var withoutDate = new Customer(creditor.Id, "C-2", new PersonName("Grace", "Hopper"), null, "fr");
        var account = new LedgerAccount(AccountId.New(), Currency.GBP, AllocationWaterfall.Parse("interest>fees>principal"));
        var charge = account.Place(100_00, 20_00, 5_00, new Posting("file-1", At, At + Duration.FromSeconds(1), "Opening balance"))!;
        var payment = account.ReceivePayment(30_00, new Posting("pay-1", At + Duration.FromHours(1), At + Duration.FromHours(2), "Card payment", "hash-1", "acme", "ch_1", "card"));
        var reversal = account.Reverse(payment, alreadyReversed: false, new Posting("rev-1", At + Duration.FromDays(1), At + Duration.FromDays(1), "Chargeback"));
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            db.AddRange(creditor, withDate, withoutDate, account, charge, payment, reversal);
            await db.SaveChangesAsync(ct);
        }

        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var reader = BulkReader.For(db);

            var customers = await reader.FindAsync<Customer, CustomerId>([withDate.Id, CustomerId.New(), withoutDate.Id], lockRows: true, ct);
            var entries = await reader.FindAsync<LedgerEntry, LedgerEntryId>([reversal.Id, charge.Id, payment.Id], lockRows: false, ct);
            var accounts = await reader.FindAsync<LedgerAccount, AccountId>([account.AccountId, AccountId.New()], lockRows: true, ct);

            ShouldMatch(db, customers, await db.Set<Customer>().AsNoTracking().ToListAsync(ct));
            ShouldMatch(db, entries, await db.Set<LedgerEntry>().AsNoTracking().ToListAsync(ct));
            ShouldMatch(db, accounts, await db.Set<LedgerAccount>().AsNoTracking().ToListAsync(ct));
            customers.Single(c => c.Id == withDate.Id).DateOfBirth.ShouldBe(new LocalDate(1985, 12, 10));
            entries.Single(e => e.Id == reversal.Id).ReversesEntryId.ShouldBe(payment.Id);
            entries.Single(e => e.Id == payment.Id).OccurredAt.ShouldBe(payment.OccurredAt);
            accounts.ShouldHaveSingleItem().Balance.ShouldBe(account.Balance);
        }
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_pair_look_up_answers_for_each_pair_in_order(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var ct = TestContext.Current.CancellationToken;
        var a = new LedgerAccount(AccountId.New(), Currency.USD, AllocationWaterfall.Default);
        var b = new LedgerAccount(AccountId.New(), Currency.USD, AllocationWaterfall.Default);
        var entries = new[]
        {
            a.Place(10_00, 0, 0, new Posting("file-1", At, At, "Opening balance"))!,
            a.ReceivePayment(1_00, new Posting("pay-1", At, At, "Payment")),
            b.Place(20_00, 0, 0, new Posting("file-1", At, At, "Opening balance"))!,
        };
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        db.AddRange(a, b);
        db.AddRange(entries);
        await db.SaveChangesAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var found = await BulkReader.For(db).ContainsAsync<LedgerEntry, AccountId, string>(
            [(a.AccountId, "pay-1"), (a.AccountId, "pay-2"), (b.AccountId, "file-1"), (AccountId.New(), "file-1"), (a.AccountId, "file-1"), (b.AccountId, "pay-1")],
            nameof(LedgerEntry.AccountId), nameof(LedgerEntry.IdempotencyKey), ct);

        found.ShouldBe([true, false, true, false, true, false]);
    }

    [Fact]
    public async Task A_bulk_read_outside_a_transaction_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();

        await Should.ThrowAsync<InvalidOperationException>(() =>
            BulkReader.For(db).FindAsync<LedgerAccount, AccountId>([AccountId.New()], lockRows: false, TestContext.Current.CancellationToken));
    }

    /// <summary>Every mapped property of every row the bulk reader built equals EF's own reading of the same row.</summary>
    private static void ShouldMatch<T>(ParleyDbContext db, List<T> bulk, List<T> ef)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var key = entity.FindPrimaryKey()!.Properties.ShouldHaveSingleItem().GetGetter();
        bulk.Count.ShouldBe(ef.Count);
        var byKey = ef.ToDictionary(row => key.GetClrValue(row)!);
        foreach (var row in bulk)
        {
            var expected = byKey[key.GetClrValue(row)!];
            foreach (var property in entity.GetProperties())
            {
                var getter = property.GetGetter();
                getter.GetClrValue(row).ShouldBe(getter.GetClrValue(expected), $"{typeof(T).Name}.{property.Name}");
            }
        }
    }
}
