using System.Text.Json;
using NodaTime;
using Parley.Modules.Arrangements.Tests.Plans;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Arrangements.Tests.Offers;

/// <summary>
/// A debt past its statute-of-limitations date on the customer's calendar is flagged wherever it is shown (account
/// details, portfolio search, offers), and every offer says whether a payment restarts the time limit where the customer
/// lives: it does not in New York; it may elsewhere in the US.
/// </summary>
public sealed class TimeBarredHttpTests
{
    private static CancellationToken Ct => ArrangementsTestHost.Ct;

    [Theory]
    [InlineData("US-NY", "does_not_restart", "US-NY-TIMEBARRED-DISCLOSURE")]
    [InlineData("US-TX", "may_restart", null)]
    [InlineData("GB-ENG", "does_not_restart", "UK-CONC-STATUTE-BARRED")]
    public async Task A_time_barred_debt_is_flagged_on_details_search_and_offers_with_what_a_payment_does(string jurisdiction, string revival, string? revivalRule)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var accountId = await CollectionHoldHttpTests.SeedAsync(factory.Database, jurisdiction, new LocalDate(2026, 6, 30));
        var agent = factory.ClientAs(StaffRoles.Agent);

        (await JsonAsync(await agent.GetAsync($"/api/accounts/{accountId}", Ct))).GetProperty("timeBarred").GetBoolean().ShouldBeTrue();
        var found = (await JsonAsync(await agent.GetAsync("/api/accounts?q=D-1", Ct))).GetProperty("items").EnumerateArray().Single();
        found.GetProperty("timeBarred").GetBoolean().ShouldBeTrue();

        var offers = await JsonAsync(await agent.GetAsync($"/api/accounts/{accountId}/offers", Ct));
        var barred = offers.GetProperty("timeBarred");
        barred.GetProperty("statuteOfLimitationsDate").GetString().ShouldBe("2026-06-30");
        barred.GetProperty("revival").GetString().ShouldBe(revival);
        barred.GetProperty("disclosures").EnumerateArray().Select(d => d.GetProperty("ruleId").ValueKind == JsonValueKind.Null ? null : d.GetProperty("ruleId").GetString())
            .ShouldContain(jurisdiction.StartsWith("GB", StringComparison.Ordinal) ? "UK-CONC-STATUTE-BARRED" : "US-REGF-TIMEBARRED");
        offers.GetProperty("offers").GetArrayLength().ShouldBeGreaterThan(0);
        foreach (var offer in offers.GetProperty("offers").EnumerateArray())
        {
            var reason = offer.GetProperty("reasons").EnumerateArray().Single(r => r.GetProperty("code").GetString() == "time_barred");
            reason.GetProperty("text").GetString().ShouldBe(barred.GetProperty("revivalNotice").GetString());
            (reason.GetProperty("ruleId").ValueKind == JsonValueKind.Null ? null : reason.GetProperty("ruleId").GetString()).ShouldBe(revivalRule);
        }
    }

    [Fact]
    public async Task A_debt_within_its_limitation_period_is_not_flagged_and_its_offers_say_nothing_of_it()
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var accountId = await CollectionHoldHttpTests.SeedAsync(factory.Database, "US-NY", new LocalDate(2026, 11, 3));
        var agent = factory.ClientAs(StaffRoles.Agent);

        (await JsonAsync(await agent.GetAsync($"/api/accounts/{accountId}", Ct))).GetProperty("timeBarred").GetBoolean().ShouldBeFalse();
        var offers = await JsonAsync(await agent.GetAsync($"/api/accounts/{accountId}/offers", Ct));
        offers.GetProperty("timeBarred").ValueKind.ShouldBe(JsonValueKind.Null);
        offers.GetProperty("offers").EnumerateArray().SelectMany(o => o.GetProperty("reasons").EnumerateArray()).ShouldNotContain(r => r.GetProperty("code").GetString() == "time_barred");

        // The next day in New York the limitation period has run.
        factory.Time.Advance(TimeSpan.FromDays(1));
        (await JsonAsync(await agent.GetAsync($"/api/accounts/{accountId}", Ct))).GetProperty("timeBarred").GetBoolean().ShouldBeTrue();
    }

    private static Task<JsonElement> JsonAsync(HttpResponseMessage response) => ArrangementsTestHost.JsonAsync(response);
}
