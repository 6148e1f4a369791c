using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Arrangements.Plans;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Arrangements.Tests.Plans;

/// <summary>
/// Per hold kind, through the real host: a hold that stops collection answers the offers with why (no offers), refuses a
/// plan proposal and a plan's activation with a 409 naming the hold, its catalogue rule and the reason, and still records
/// a payment the customer chooses to make; once the hold ends, collection resumes. Holds that do not stop collection
/// (hardship, complaint, vulnerability review) leave offers and plans open.
/// </summary>
public sealed class CollectionHoldHttpTests
{
    private static CancellationToken Ct => ArrangementsTestHost.Ct;

    public static TheoryData<string, string, string, string, string?> StoppingHolds => new()
    {
        { "dispute", "GB-ENG", "dispute", "UK-CONC-DISPUTE", null },
        { "dispute", "US-TX", "dispute", "US-REGF-DISPUTE-PAUSE", null },
        { "breathing_space", "GB-ENG", "breathing_space", "UK-BS-STANDARD-60D", null },
        { "mental_health_crisis", "GB-ENG", "mental_health_crisis", "UK-BS-MHCM", "specialist support team" },
        { "cease_communication", "US-TX", "cease_communication", "US-REGF-CEASE", null },
        { "cease_communication", "GB-ENG", "cease_communication", "PARLEY-HOLD-CEASE", null },
        { "deceased", "US-TX", "deceased", "US-REGF-DECEASED", "estates team" },
        { "deceased", "GB-WLS", "deceased", "PARLEY-HOLD-DECEASED", "bereavement team" },
        { "bankruptcy", "GB-ENG", "bankruptcy", "PARLEY-HOLD-BANKRUPTCY", "insolvency team" },
    };

    [Theory]
    [MemberData(nameof(StoppingHolds))]
    public async Task A_hold_that_stops_collection_refuses_offers_plans_and_activation_but_not_a_voluntary_payment(string holdType, string jurisdiction, string kind, string ruleId, string? routeTo)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var accountId = await SeedAsync(factory.Database, jurisdiction);
        var agent = factory.ClientAs(StaffRoles.Agent);

        // Proposed before the hold: activating it later would start demanding payments.
        var before = await JsonAsync(await agent.PostAsJsonAsync($"/api/accounts/{accountId}/arrangements", new { frequency = "monthly", amount = 100m, start = "2026-12-01" }, Ct));
        before.GetProperty("status").GetString().ShouldBe("proposed");
        var planId = before.GetProperty("id").GetString();

        var placed = await agent.PostAsJsonAsync($"/api/accounts/{accountId}/holds", new { type = holdType, reason = "recorded on the call" }, Ct);
        placed.StatusCode.ShouldBe(HttpStatusCode.Created);
        var holdId = (await JsonAsync(placed)).GetProperty("id").GetString();

        var offers = await JsonAsync(await agent.GetAsync($"/api/accounts/{accountId}/offers", Ct));
        offers.GetProperty("offers").GetArrayLength().ShouldBe(0);
        var blocked = offers.GetProperty("blockedBy").EnumerateArray().Single();
        blocked.GetProperty("kind").GetString().ShouldBe(kind);
        blocked.GetProperty("ruleId").GetString().ShouldBe(ruleId);
        blocked.GetProperty("reason").GetString().ShouldNotBeNullOrWhiteSpace();
        (blocked.GetProperty("routeTo").ValueKind == JsonValueKind.Null ? null : blocked.GetProperty("routeTo").GetString()).ShouldBe(routeTo);

        var proposed = await agent.PostAsJsonAsync($"/api/accounts/{accountId}/arrangements", new { frequency = "monthly", amount = 100m, start = "2026-12-01" }, Ct);
        await ShouldBePausedAsync(proposed, kind, ruleId);
        var activated = await agent.PostAsync($"/api/accounts/{accountId}/arrangements/{planId}/activate", null, Ct);
        await ShouldBePausedAsync(activated, kind, ruleId);

        // A payment the customer chooses to make is never refused.
        using (var payment = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{accountId}/payments") { Content = JsonContent.Create(new { amount = 40m, currency = "GBP", method = "card", reference = "VOL-1" }) })
        {
            payment.Headers.Add("Idempotency-Key", "voluntary-1");
            (await agent.SendAsync(payment, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await using (var scope = factory.Database.Scope())
        {
            var plans = await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Arrangement>().ToListAsync(Ct);
            plans.Single().Status.ShouldBe(ArrangementStatus.Proposed);
        }

        (await factory.ClientAsUser("sam", StaffRoles.Supervisor).PostAsJsonAsync($"/api/holds/{holdId}/end", new { reason = "resolved" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var resumed = await JsonAsync(await agent.GetAsync($"/api/accounts/{accountId}/offers", Ct));
        resumed.GetProperty("offers").GetArrayLength().ShouldBeGreaterThan(0);
        resumed.GetProperty("blockedBy").GetArrayLength().ShouldBe(0);
        (await agent.PostAsync($"/api/accounts/{accountId}/arrangements/{planId}/activate", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("hardship")]
    [InlineData("complaint")]
    [InlineData("vulnerability_review")]
    public async Task A_hold_that_does_not_stop_collection_leaves_offers_and_plans_open(string holdType)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var accountId = await SeedAsync(factory.Database, "GB-ENG");
        var agent = factory.ClientAs(StaffRoles.Agent);
        (await agent.PostAsJsonAsync($"/api/accounts/{accountId}/holds", new { type = holdType, reason = "recorded on the call" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var offers = await JsonAsync(await agent.GetAsync($"/api/accounts/{accountId}/offers", Ct));
        offers.GetProperty("offers").GetArrayLength().ShouldBeGreaterThan(0);
        offers.GetProperty("blockedBy").GetArrayLength().ShouldBe(0);
        (await agent.PostAsJsonAsync($"/api/accounts/{accountId}/arrangements", new { frequency = "monthly", amount = 100m, start = "2026-12-01" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Breathing_space_on_all_the_customers_accounts_pauses_this_one_on_each_provider(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var accountId = await SeedAsync(factory.Database, "GB-ENG");
        var agent = factory.ClientAs(StaffRoles.Agent);
        (await agent.PostAsJsonAsync($"/api/accounts/{accountId}/holds", new { type = "breathing_space", reason = "Insolvency Service notice", allAccounts = true }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var proposed = await agent.PostAsJsonAsync($"/api/accounts/{accountId}/arrangements", new { frequency = "monthly", amount = 100m, start = "2026-12-01" }, Ct);
        await ShouldBePausedAsync(proposed, "breathing_space", "UK-BS-STANDARD-60D");
    }

    private static async Task ShouldBePausedAsync(HttpResponseMessage response, string kind, string ruleId)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await JsonAsync(response);
        problem.GetProperty("code").GetString().ShouldBe("compliance.collection_paused");
        problem.GetProperty("hold").GetString().ShouldBe(kind);
        problem.GetProperty("ruleId").GetString().ShouldBe(ruleId);
        problem.GetProperty("reason").GetString().ShouldNotBeNullOrWhiteSpace();
        problem.GetProperty("detail").GetString()!.ShouldContain(ruleId);
    }

    /// <summary>The default GBP account, its customer living in <paramref name="jurisdiction"/> (whose rules name the hold's rule).</summary>
    internal static async Task<AccountId> SeedAsync(TestDatabase database, string jurisdiction, NodaTime.LocalDate? statuteOfLimitations = null)
    {
        var accountId = await ArrangementsTestHost.SeedAccountAsync(database);
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var account = await db.Set<Account>().SingleAsync(a => a.Id == accountId, Ct);
        var customer = await db.Set<Customer>().Include(c => c.Addresses).SingleAsync(c => c.Id == account.CustomerId, Ct);
        Jurisdiction.TryParse(jurisdiction, out var where).ShouldBeTrue();
        var zone = where.IsUk ? "Europe/London" : jurisdiction == "US-CA" ? "America/Los_Angeles" : jurisdiction == "US-TX" ? "America/Chicago" : "America/New_York";
        var address = new PostalAddress("1 High Street", null, "Town", where.IsUk ? "AB1 2CD" : "10001", where, zone);
        customer.AddAddress(address);
        db.Add(address);
        if (statuteOfLimitations is { } sol)
        {
            account.Apply(new AccountTerms(account.Currency, account.ProductType, account.OriginalCreditor, account.ChargeOffDate, account.LastPaymentDate, account.DaysPastDue, sol, account.Status));
        }

        await db.SaveChangesAsync(Ct);
        return accountId;
    }

    private static Task<JsonElement> JsonAsync(HttpResponseMessage response) => ArrangementsTestHost.JsonAsync(response);
}
