using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Domain;
using Parley.Modules.Decisioning.Features;
using Parley.Modules.Decisioning.Live;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Care.Tests.Acting;

/// <summary>Special-category data reaches no model (ADR 21): Insight's features are the same whether or not a customer's vulnerability is on record.</summary>
public sealed class CareExclusionTests
{
    private static readonly Actor Compliance = Staff.Acting("compliance@parley", StaffRoles.Compliance);

    [Theory]
    [DatabaseProviders]
    public async Task A_confirmed_vulnerability_and_a_crisis_change_no_propensity_feature_while_a_dispute_hold_does(DatabaseProvider provider)
    {
        await using var world = await CareWorld.CreateAsync(provider);
        var vulnerable = await world.AccountAsync("X-1");
        var plain = await world.AccountAsync("X-2");
        var disputed = await world.AccountAsync("X-3");
        await world.ReplyAsync(vulnerable, "I lost my job and can't cope");
        await world.ReplyAsync(vulnerable, "I can't go on, I want to kill myself");
        await world.ReplyAsync(disputed, "this isn't my debt");
        await world.DispatchAsync();
        var record = (await world.AllAsync<VulnerabilityRecord>()).ShouldHaveSingleItem();
        var now = Instant.FromDateTimeOffset(world.Database.Time.GetUtcNow());
        await world.RunAsync<ConfirmVulnerabilityRequest, VulnerabilityRecordView>(
            Compliance, new ConfirmVulnerabilityRequest(record.Id, new VulnerabilityConsent("Jane Doe", now, "by phone, call recorded", "Parley records my job loss"), "customer agreed"));
        (await world.HoldsAsync(vulnerable)).Count(h => h.IsActive && h.Type == HoldType.VulnerabilityReview).ShouldBe(2, "the crisis pause and the confirmed record's hold");

        var features = await FeaturesAsync(world, vulnerable, plain, disputed);

        features[vulnerable].ShouldBe(features[plain], "the vulnerability record and the crisis flag are no model's feature");
        features[disputed].ShouldNotBe(features[plain], "a dispute hold is a legal fact the model may read: the comparison can tell");
    }

    private static async Task<Dictionary<AccountId, float[]>> FeaturesAsync(CareWorld world, params AccountId[] accounts)
    {
        await using var scope = world.Database.Scope();
        var statements = scope.ServiceProvider.GetRequiredService<IAccountStatementReader>();
        var reader = scope.ServiceProvider.GetRequiredService<PropensityFactsReader>();
        var now = Instant.FromDateTimeOffset(world.Database.Time.GetUtcNow());
        var features = new Dictionary<AccountId, float[]>();
        foreach (var account in accounts)
        {
            features[account] = PropensityFeatures.Compute(await reader.ReadAsync((await statements.GetAsync(account, CareWorld.Ct))!, now, CareWorld.Ct));
        }

        return features;
    }
}
