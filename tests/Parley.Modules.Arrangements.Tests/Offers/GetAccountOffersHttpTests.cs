using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.Registry;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Arrangements.Tests.Offers;

/// <summary><c>GET /api/accounts/{id}/offers</c> on the real host, before any I&amp;E is stored.</summary>
public sealed class GetAccountOffersHttpTests
{
    /// <summary>A GBP account owing 1,200.00 with a creditor allowing a £25 minimum, 0–30 % settlements, 24 % interest frozen on a plan.</summary>
    private static Task<AccountId> SeedAccountAsync(TestDatabase database) => ArrangementsTestHost.SeedAccountAsync(
        database, new CreditorPolicy(AllocationWaterfall.Default, Money.Of(25m, Currency.GBP), 0m, 30m, 24m, Money.Of(12m, Currency.GBP), true, 36), principal: 120_000, interest: 0, fees: 0);

    [Theory]
    [DatabaseProviders]
    public async Task Without_an_I_and_E_an_agent_gets_a_year_plan_that_asks_for_one_and_the_creditors_terms_apply(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var accountId = await SeedAccountAsync(factory.Database);

        var response = await factory.ClientAs(StaffRoles.Agent).GetAsync($"/api/accounts/{accountId}/offers", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = json.RootElement;
        root.GetProperty("balance").GetRawText().ShouldBe("1200.00");
        root.GetProperty("hasAssessment").GetBoolean().ShouldBeFalse();
        var offer = root.GetProperty("offers").EnumerateArray().ShouldHaveSingleItem();
        offer.GetProperty("kind").GetString().ShouldBe("FixedPlan");
        offer.GetProperty("amount").GetRawText().ShouldBe("100.00");
        offer.GetProperty("instalments").GetInt32().ShouldBe(12);
        offer.GetProperty("interestAndFeesFrozen").GetBoolean().ShouldBeTrue();
        offer.GetProperty("reasons")[0].GetProperty("ruleId").GetString().ShouldBe("UK-SFS-IE");
        offer.GetProperty("terms").GetString()!.ShouldStartWith("Pay 100.00 GBP monthly from ");

        // No model is active: the segment is unknown and the offers are made as without one.
        var segment = root.GetProperty("segment");
        segment.GetProperty("segment").ValueKind.ShouldBe(JsonValueKind.Null);
        segment.GetProperty("shapedOffers").GetBoolean().ShouldBeFalse();
        segment.GetProperty("personShouldReview").GetBoolean().ShouldBeFalse();
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_scored_accounts_offers_carry_the_segment_the_Insight_panel_shows_and_are_shaped_by_it(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var accountId = await SeedAccountAsync(factory.Database);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DefaultModel>().HandleAsync(Actor.System("test seed"), new RegisterDefaultModelsRequest(), ct);
        }

        var client = factory.ClientAs(StaffRoles.Agent);
        var before = await ArrangementsTestHost.JsonAsync(await client.GetAsync($"/api/accounts/{accountId}/offers", ct));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // Reading offers reads the segment; it stores no score.
            (await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<AccountScore>().CountAsync(s => s.AccountId == accountId, ct)).ShouldBe(0);
        }

        var insight = await ArrangementsTestHost.JsonAsync(await client.GetAsync($"/api/accounts/{accountId}/scores", ct));
        var after = await ArrangementsTestHost.JsonAsync(await client.GetAsync($"/api/accounts/{accountId}/offers", ct));

        var expected = insight.GetProperty("segment").GetString();
        expected.ShouldNotBeNullOrEmpty();
        foreach (var offers in new[] { before, after })
        {
            var segment = offers.GetProperty("segment");
            segment.GetProperty("segment").GetString().ShouldBe(expected);
            // Without an I&E the unknown segment gets one year plan; every segment adds to it (a holiday, or a settlement and a promise).
            segment.GetProperty("shapedOffers").GetBoolean().ShouldBeTrue();
            offers.GetProperty("offers").GetArrayLength().ShouldBeGreaterThan(1);
            segment.GetProperty("personShouldReview").GetBoolean().ShouldBe(expected == "human_with_debt_advice");
            segment.GetProperty("earlyWarningVersion").GetString().ShouldBe(insight.GetProperty("scores").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "early_warning").GetProperty("modelVersion").GetString());
            segment.GetProperty("propensityVersion").GetString().ShouldBe(insight.GetProperty("scores").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "propensity").GetProperty("modelVersion").GetString());
        }

        // Once scored, the offers say when: the stored scores' time.
        after.GetProperty("segment").GetProperty("scoredAt").GetString().ShouldBe(insight.GetProperty("scores")[0].GetProperty("scoredAt").GetString());
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_chosen_amount_and_a_discount_beyond_the_bounds_come_back_flagged_for_approval(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var accountId = await SeedAccountAsync(factory.Database);

        var response = await factory.ClientAs(StaffRoles.Supervisor).GetAsync($"/api/accounts/{accountId}/offers?amount=10&frequency=weekly&discount=40", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var offers = json.RootElement.GetProperty("offers").EnumerateArray().ToList();
        var chosen = offers.Single(o => o.GetProperty("chosenByCustomer").GetBoolean() && o.GetProperty("kind").GetString() == "FixedPlan");
        chosen.GetProperty("requiresApproval").GetBoolean().ShouldBeTrue();
        chosen.GetProperty("approvalReason").GetString()!.ShouldContain("below the creditor's minimum");
        offers.Single(o => o.GetProperty("kind").GetString() == "Settlement").GetProperty("approvalReason").GetString().ShouldBe("a discount of 40% is outside the creditor's bounds of 0%–30%");
    }

    [Theory]
    [DatabaseProviders]
    public async Task Unknown_account_is_404_bad_parameters_400_and_no_sign_in_401(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var accountId = await SeedAccountAsync(factory.Database);
        var ct = TestContext.Current.CancellationToken;

        var missing = await factory.ClientAs(StaffRoles.Agent).GetAsync($"/api/accounts/{AccountId.New()}/offers", ct);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        var bad = await factory.ClientAs(StaffRoles.Agent).GetAsync($"/api/accounts/{accountId}/offers?frequency=daily", ct);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync(ct)).ShouldContain("frequency");

        (await factory.ClientAs().GetAsync($"/api/accounts/{accountId}/offers", ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
