using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Payments.Tests;

/// <summary>Builders and the ledger's invariants, checked against what is stored.</summary>
internal static class LedgerTestKit
{
    public static readonly Instant At = Instant.FromUtc(2026, 11, 1, 9, 0);

    public static PlacementBalance Placement(AccountId id, long principal, long interest, long fees, string key, Currency? currency = null, AllocationWaterfall? waterfall = null) =>
        new(id, currency ?? Currency.USD, waterfall ?? AllocationWaterfall.Default, principal, interest, fees, At, key);

    public static Posting Posting(string key, string description = "test") => new(key, At, At, description);

    /// <summary>Applies placements in one transaction, the way the import calls the ledger.</summary>
    public static async Task PlaceAsync(this TestDatabase db, params PlacementBalance[] balances)
    {
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        await using var transaction = await context.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await scope.ServiceProvider.GetRequiredService<ILedgerPlacements>().ApplyAsync(balances, TestContext.Current.CancellationToken);
        await transaction.CommitAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Opens new accounts' ledgers in one transaction, the import's path for accounts it creates.</summary>
    public static async Task OpenAsync(this TestDatabase db, params PlacementBalance[] balances)
    {
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        await using var transaction = await context.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await scope.ServiceProvider.GetRequiredService<ILedgerPlacements>().OpenAsync(balances, TestContext.Current.CancellationToken);
        await transaction.CommitAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Loads an account, lets the test post through the domain, and saves the entry with the projection.</summary>
    public static async Task<LedgerEntry> PostAsync(this TestDatabase db, AccountId id, Func<LedgerAccount, LedgerEntry> post)
    {
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var account = await context.Set<LedgerAccount>().SingleAsync(a => a.AccountId == id, TestContext.Current.CancellationToken);
        var entry = post(account);
        context.Add(entry);
        await context.SaveChangesAsync(TestContext.Current.CancellationToken);
        return entry;
    }

    public static async Task<LedgerAccount> AccountAsync(this TestDatabase db, AccountId id)
    {
        await using var scope = db.Scope();
        return await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<LedgerAccount>().AsNoTracking()
            .SingleAsync(a => a.AccountId == id, TestContext.Current.CancellationToken);
    }

    public static async Task<List<LedgerEntry>> EntriesAsync(this TestDatabase db, AccountId id)
    {
        await using var scope = db.Scope();
        return await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<LedgerEntry>().AsNoTracking()
            .Where(e => e.AccountId == id).OrderBy(e => e.Sequence).ToListAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Every projection row equals the sum of its entries, is consistent with itself and has no negative bucket.</summary>
    public static async Task ShouldMatchEntriesAsync(this TestDatabase db)
    {
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var sums = await context.Set<LedgerEntry>()
            .GroupBy(e => e.AccountId)
            .Select(g => new
            {
                AccountId = g.Key,
                Principal = g.Sum(e => e.PrincipalMinor),
                Interest = g.Sum(e => e.InterestMinor),
                Fees = g.Sum(e => e.FeesMinor),
                Credit = g.Sum(e => e.CreditMinor),
                Count = g.LongCount(),
                LastSequence = g.Max(e => e.Sequence),
            })
            .ToDictionaryAsync(s => s.AccountId, TestContext.Current.CancellationToken);
        var accounts = await context.Set<LedgerAccount>().AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        accounts.ShouldNotBeEmpty();
        foreach (var a in accounts)
        {
            var sum = sums[a.AccountId];
            new Buckets(sum.Principal, sum.Interest, sum.Fees, sum.Credit).ShouldBe(a.Balance, $"account {a.AccountId}");
            a.Balance.AnyNegative.ShouldBeFalse();
            a.OutstandingMinor.ShouldBe(a.Balance.Outstanding);
            a.EntryCount.ShouldBe(sum.Count);
            sum.LastSequence.ShouldBe(sum.Count);
        }
    }
}
