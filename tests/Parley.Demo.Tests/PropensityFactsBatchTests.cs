using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Demo.Seeding;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Decisioning.Live;
using Parley.Modules.Decisioning.Propensity;
using Parley.Persistence;
using Parley.Testing;
using Shouldly;

namespace Parley.Demo.Tests;

/// <summary>Portfolio scoring reads propensity facts a batch at a time; each account's facts equal those read alone.</summary>
public sealed class PropensityFactsBatchTests
{
    [Theory]
    [DatabaseProviders]
    public async Task Facts_read_in_a_batch_equal_the_facts_read_one_account_at_a_time(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await TestDatabase.CreateAsync(provider);
        var now = Instant.FromDateTimeOffset(db.Time.GetUtcNow());
        await using (var seedScope = db.Scope())
        {
            await ActivatorUtilities.CreateInstance<DemoSeeder>(seedScope.ServiceProvider).SeedAsync(3, 60, ct);
        }

        await using var scope = db.Scope();
        var accounts = new List<AccountStatements>();
        await foreach (var account in scope.ServiceProvider.GetRequiredService<IAccountStatementReader>().ReadAllAsync(ct))
        {
            accounts.Add(account);
        }

        var reader = scope.ServiceProvider.GetRequiredService<PropensityFactsReader>();
        var batch = await reader.ReadManyAsync(accounts, now, ct);
        batch.Count.ShouldBe(accounts.Count);
        var alone = new List<PropensityFacts>();
        foreach (var account in accounts)
        {
            alone.Add(await reader.ReadAsync(account, now, ct));
        }

        for (var i = 0; i < accounts.Count; i++)
        {
            // Records compare their lists by reference: compare the facts field by field, lists by content.
            var (b, a) = (batch[i], alone[i]);
            (b with { Statements = [] }).ShouldBe(a with { Statements = [] }, accounts[i].AccountId.ToString());
            b.Statements.ShouldBe(a.Statements, accounts[i].AccountId.ToString());
        }

        // The seed gives the batch something to get wrong: holds, ledger payments, consented channels, balances.
        alone.ShouldContain(f => f.ActiveHolds > 0);
        alone.ShouldContain(f => f.Payments90Days > 0);
        alone.ShouldContain(f => f.ConsentedChannels > 0);
        alone.Select(f => f.BalanceMinor).Distinct().Count().ShouldBeGreaterThan(1);
    }
}
