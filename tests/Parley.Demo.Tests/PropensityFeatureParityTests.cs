using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Demo.Outcomes;
using Parley.Demo.Portfolio;
using Parley.Demo.Seeding;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Decisioning.Features;
using Parley.Modules.Decisioning.Live;
using Parley.Persistence;
using Parley.Testing;
using Shouldly;

namespace Parley.Demo.Tests;

/// <summary>The propensity features of a seeded account, read live through the module contracts, equal those its training row gets.</summary>
public sealed class PropensityFeatureParityTests
{
    [Theory]
    [DatabaseProviders]
    public async Task Live_features_equal_the_training_rows_features_for_the_same_account(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await TestDatabase.CreateAsync(provider);
        var now = Instant.FromDateTimeOffset(db.Time.GetUtcNow());
        await using (var seedScope = db.Scope())
        {
            await ActivatorUtilities.CreateInstance<DemoSeeder>(seedScope.ServiceProvider).SeedAsync(3, 40, ct);
        }

        var generator = new PortfolioGenerator(3, now.InUtc().Date);
        var training = generator.People().Take(40).SelectMany(p => DemoOutcomes.For(generator, p, now)).ToList();
        training.Count.ShouldBeGreaterThan(20);

        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var accounts = await context.Set<Account>().Select(a => new { a.Id, a.CustomerId, a.CreditorReference }).ToListAsync(ct);
        var references = accounts.ToDictionary(a => a.CreditorReference, a => a.Id);

        // The seed's first hour ends with customers' replies, and Care's holds on what they wrote are live facts the
        // simulated training rows cannot know: they count as the holds they are, and nothing else may differ.
        // Special-category holds (a crisis pause) are no feature at all (ADR 21), so they are not added.
        var careHolds = await context.Set<Hold>().Where(h => h.SetBy == "system:care" && h.EndedAt == null && h.Type != HoldType.VulnerabilityReview && h.Type != HoldType.MentalHealthCrisis)
            .Select(h => new { h.CustomerId, h.AccountId }).ToListAsync(ct);
        int CareHoldsOn(string reference)
        {
            var account = accounts.Single(a => a.CreditorReference == reference);
            return careHolds.Count(h => h.CustomerId == account.CustomerId && (h.AccountId == null || h.AccountId == account.Id));
        }

        var statements = scope.ServiceProvider.GetRequiredService<IAccountStatementReader>();
        var reader = scope.ServiceProvider.GetRequiredService<PropensityFactsReader>();
        foreach (var example in training)
        {
            var account = (await statements.GetAsync(references[example.Reference], ct))!;
            var live = await reader.ReadAsync(account, now, ct);
            var expected = example.Facts with { ActiveHolds = example.Facts.ActiveHolds + CareHoldsOn(example.Reference) };
            PropensityFeatures.Compute(live).ShouldBe(PropensityFeatures.Compute(expected), example.Reference);
        }
    }
}
