using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.UseCases;
using Parley.Modules.Arrangements.Plans;
using Parley.Modules.Payments.Ledger;
using Parley.Persistence;
using Parley.Persistence.Outbox;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Arrangements.Tests.Lifecycle;

/// <summary>
/// The whole lifecycle on a real database and host: a plan is proposed, activated, paid through the ledger, reconciled
/// as the clock moves, breaks and is answered by a re-plan; holds pause and shift it and freeze interest and fees.
/// The customer has no address, so their day is UTC−12's: it ends at 12:00 UTC the next day.
/// </summary>
public sealed class ArrangementLifecycleSliceTests
{
    private static CancellationToken Ct => ArrangementsTestHost.Ct;

    [Theory]
    [DatabaseProviders]
    public async Task Ledger_payments_satisfy_instalments_a_second_miss_past_grace_breaks_the_plan_and_a_replan_is_offered(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var accountId = await ArrangementsTestHost.SeedAccountAsync(factory.Database);
        var agent = factory.ClientAs(StaffRoles.Agent);

        var plan = await ArrangementsTestHost.JsonAsync(await agent.PostAsJsonAsync($"/api/accounts/{accountId}/arrangements", new { frequency = "monthly", amount = 300m, start = "2026-11-10" }, Ct));
        plan.GetProperty("status").GetString().ShouldBe("proposed");
        plan.GetProperty("graceDays").GetInt32().ShouldBe(3);
        plan.GetProperty("allowedMisses").GetInt32().ShouldBe(1);
        plan.GetProperty("instalments").EnumerateArray().Select(i => (i.GetProperty("due").GetString(), i.GetProperty("amount").GetDecimal()))
            .ShouldBe([("2026-11-10", 300m), ("2026-12-10", 300m), ("2027-01-11", 300m), ("2027-02-10", 100m)]);
        var planId = plan.GetProperty("id").GetString()!;
        (await agent.PostAsync($"/api/accounts/{accountId}/arrangements/{planId}/activate", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Early and over: 350 before the first due date pays the first and 50 of the second.
        await PayAsync(factory, accountId, At(2026, 11, 5, 10), 350m, "p-1");
        await ReconcileAsync(factory, At(2026, 11, 20, 10));
        var afterFirst = await LatestPlanAsync(agent, accountId);
        Statuses(afterFirst).ShouldBe(["paid", "partly_paid", "pending", "pending"]);
        afterFirst.GetProperty("instalments")[1].GetProperty("paid").GetDecimal().ShouldBe(50m);

        // Partial: 250 inside the second instalment's grace days completes it.
        await PayAsync(factory, accountId, At(2026, 12, 12, 10), 250m, "p-2");
        await ReconcileAsync(factory, At(2026, 12, 20, 10));
        Statuses(await LatestPlanAsync(agent, accountId)).ShouldBe(["paid", "paid", "pending", "pending"]);

        // The third (due Monday 11 January, grace to the 14th) is missed once the customer's 14th ends: one miss is allowed.
        await ReconcileAsync(factory, At(2027, 1, 15, 11));
        Statuses(await LatestPlanAsync(agent, accountId)).ShouldBe(["paid", "paid", "pending", "pending"]);
        await ReconcileAsync(factory, At(2027, 1, 15, 13));
        var oneMiss = await LatestPlanAsync(agent, accountId);
        Statuses(oneMiss).ShouldBe(["paid", "paid", "missed", "pending"]);
        oneMiss.GetProperty("status").GetString().ShouldBe("active");
        (await OffersAsync(agent, accountId)).GetProperty("replan").ValueKind.ShouldBe(JsonValueKind.Null);

        // The fourth is missed too: the plan breaks and a re-plan is offered on the offers endpoint.
        await ReconcileAsync(factory, At(2027, 2, 14, 13));
        var broken = await LatestPlanAsync(agent, accountId);
        broken.GetProperty("status").GetString().ShouldBe("broken");
        broken.GetProperty("replanOffered").GetBoolean().ShouldBeTrue();
        var offers = await OffersAsync(agent, accountId);
        offers.GetProperty("replan").GetProperty("brokenPlanId").GetString().ShouldBe(planId);
        offers.GetProperty("replan").GetProperty("reason").GetString()!.ShouldContain("2 instalment(s) missed");
        offers.GetProperty("offers").GetArrayLength().ShouldBeGreaterThan(0);
        offers.GetProperty("balance").GetDecimal().ShouldBe(400m);

        await using (var scope = factory.Database.Scope())
        {
            var types = await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<OutboxMessage>().Select(m => m.Type).ToListAsync(Ct);
            types.Order(StringComparer.Ordinal).ShouldBe(["arrangements.activated", "arrangements.broken", "arrangements.instalment_missed", "arrangements.instalment_missed", "arrangements.proposed", "arrangements.replan_offered"]);
        }

        // A new proposal answers the re-plan.
        (await agent.PostAsJsonAsync($"/api/accounts/{accountId}/arrangements", new { frequency = "monthly", amount = 100m, start = "2027-03-01" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await OffersAsync(agent, accountId)).GetProperty("replan").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_dispute_hold_pauses_the_plan_freezes_interest_and_fees_and_shifts_the_instalments_by_the_days_it_lasted(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var accountId = await ArrangementsTestHost.SeedAccountAsync(factory.Database);
        var agent = factory.ClientAs(StaffRoles.Agent);
        var plan = await ArrangementsTestHost.JsonAsync(await agent.PostAsJsonAsync($"/api/accounts/{accountId}/arrangements", new { frequency = "monthly", amount = 300m, start = "2026-11-10", freezeInterestAndFees = false }, Ct));
        plan.GetProperty("interestAndFeesFrozen").GetBoolean().ShouldBeFalse();
        var planId = plan.GetProperty("id").GetString()!;
        (await agent.PostAsync($"/api/accounts/{accountId}/arrangements/{planId}/activate", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        factory.Time.SetUtcNow(At(2026, 11, 5, 15).ToDateTimeOffset());
        HoldView hold;
        await using (var scope = factory.Database.Scope())
        {
            hold = await scope.ServiceProvider.GetRequiredService<PlaceHold>().HandleAsync(Staff.Agent, new PlaceHoldRequest(accountId, HoldType.Dispute, "customer disputes the balance", ResumesAutomatically: false), Ct);
        }

        // While the hold is on nothing is missed, the plan is paused, and the ledger refuses interest.
        await ReconcileAsync(factory, At(2026, 11, 20, 15));
        var paused = await LatestPlanAsync(agent, accountId);
        paused.GetProperty("paused").GetBoolean().ShouldBeTrue();
        paused.GetProperty("chargeFreeze").GetString()!.ShouldContain("disputed");
        Statuses(paused).ShouldBe(["pending", "pending", "pending", "pending"]);
        var refused = await Should.ThrowAsync<DomainException>(() => AccrueAsync(factory, accountId, "interest-1"));
        refused.Error.ShouldBeOfType<ChargesFrozen>().FreezeCode.ShouldBe("dispute_hold");

        // Ended on 20 November, it touched 16 local days (5th–20th): each deadline not yet passed moves 16 days later.
        await using (var scope = factory.Database.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<EndHold>().HandleAsync(Staff.Acting("supervisor", StaffRoles.Supervisor), new EndHoldRequest(hold.Id, "resolved in the creditor's favour"), Ct);
        }

        await ReconcileAsync(factory, At(2026, 11, 20, 16));
        var resumed = await LatestPlanAsync(agent, accountId);
        resumed.GetProperty("paused").GetBoolean().ShouldBeFalse();
        resumed.GetProperty("chargeFreeze").ValueKind.ShouldBe(JsonValueKind.Null);
        resumed.GetProperty("instalments").EnumerateArray().Select(i => i.GetProperty("dueAfterHolds").GetString())
            .ShouldBe(["2026-11-26", "2026-12-26", "2027-01-27", "2027-02-26"]);
        (await AccrueAsync(factory, accountId, "interest-2")).Entry.Kind.ShouldBe(Payments.Contracts.LedgerEntryKind.Interest);

        // The first instalment is missed only once its shifted deadline (the 29th) has ended for the customer.
        await ReconcileAsync(factory, At(2026, 11, 30, 11));
        Statuses(await LatestPlanAsync(agent, accountId))[0].ShouldBe("pending");
        await ReconcileAsync(factory, At(2026, 11, 30, 13));
        var missed = await LatestPlanAsync(agent, accountId);
        Statuses(missed)[0].ShouldBe("missed");
        missed.GetProperty("status").GetString().ShouldBe("active");
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_plan_that_freezes_interest_and_fees_makes_the_ledger_refuse_them_for_its_life_only(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var accountId = await ArrangementsTestHost.SeedAccountAsync(factory.Database);
        var agent = factory.ClientAs(StaffRoles.Agent);
        var plan = await ArrangementsTestHost.JsonAsync(await agent.PostAsJsonAsync($"/api/accounts/{accountId}/arrangements", new { frequency = "monthly", amount = 300m, start = "2026-11-10" }, Ct));
        plan.GetProperty("interestAndFeesFrozen").GetBoolean().ShouldBeTrue();
        var planId = plan.GetProperty("id").GetString()!;

        (await AccrueAsync(factory, accountId, "fee-before")).Entry.Kind.ShouldBe(Payments.Contracts.LedgerEntryKind.Fee);
        (await agent.PostAsync($"/api/accounts/{accountId}/arrangements/{planId}/activate", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Should.ThrowAsync<DomainException>(() => AccrueAsync(factory, accountId, "fee-during"))).Error.ShouldBeOfType<ChargesFrozen>().FreezeCode.ShouldBe("UK-CONC-FORBEARANCE");
        (await LatestPlanAsync(agent, accountId)).GetProperty("chargeFreeze").GetString()!.ShouldContain("plan");

        (await agent.PostAsJsonAsync($"/api/accounts/{accountId}/arrangements/{planId}/cancel", new { reason = "customer asked" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AccrueAsync(factory, accountId, "fee-after")).Entry.Kind.ShouldBe(Payments.Contracts.LedgerEntryKind.Fee);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_plan_above_the_affordable_share_is_never_refused_it_is_flagged_and_needs_the_customers_choice_or_a_supervisor(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var accountId = await ArrangementsTestHost.SeedAccountAsync(factory.Database);
        var agent = factory.ClientAs(StaffRoles.Agent);

        // Disposable 600 a month shared with another creditor owed 3,000: this creditor's share is 150 a month.
        var statement = new
        {
            standard = "uk_sfs",
            currency = "GBP",
            household = new { adults = 1, dependants = 0 },
            lines = new object[] { new { category = "earnings", monthly = 1800m }, new { category = "rent", monthly = 700m }, new { category = "food_and_housekeeping", monthly = 500m } },
            otherCreditors = new[] { 3000m },
        };
        (await agent.PutAsJsonAsync($"/api/accounts/{accountId}/income-expenditure", statement, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var notChosen = await ArrangementsTestHost.JsonAsync(await agent.PostAsJsonAsync($"/api/accounts/{accountId}/arrangements", new { frequency = "monthly", amount = 300m, start = "2026-12-01" }, Ct));
        var chosen = await ArrangementsTestHost.JsonAsync(await agent.PostAsJsonAsync($"/api/accounts/{accountId}/arrangements", new { frequency = "monthly", amount = 300m, start = "2026-12-01", chosenAboveAffordable = true }, Ct));
        var affordable = await ArrangementsTestHost.JsonAsync(await agent.PostAsJsonAsync($"/api/accounts/{accountId}/arrangements", new { frequency = "monthly", amount = 150m, start = "2026-12-01" }, Ct));

        notChosen.GetProperty("status").GetString().ShouldBe("awaiting_approval");
        notChosen.GetProperty("approvalReason").GetString()!.ShouldContain("above the affordable");
        notChosen.GetProperty("aboveAffordable").GetBoolean().ShouldBeTrue();
        notChosen.GetProperty("chosenAboveAffordable").GetBoolean().ShouldBeFalse();
        chosen.GetProperty("status").GetString().ShouldBe("proposed");
        chosen.GetProperty("affordable").GetDecimal().ShouldBe(150m);
        chosen.GetProperty("aboveAffordable").GetBoolean().ShouldBeTrue();
        chosen.GetProperty("chosenAboveAffordable").GetBoolean().ShouldBeTrue();
        affordable.GetProperty("status").GetString().ShouldBe("proposed");
        affordable.GetProperty("aboveAffordable").GetBoolean().ShouldBeFalse();
    }

    private static Instant At(int year, int month, int day, int hourUtc) => Instant.FromUtc(year, month, day, hourUtc, 0);

    private static string[] Statuses(JsonElement plan) => [.. plan.GetProperty("instalments").EnumerateArray().Select(i => i.GetProperty("status").GetString()!)];

    private static async Task<JsonElement> LatestPlanAsync(HttpClient agent, AccountId accountId) =>
        (await ArrangementsTestHost.JsonAsync(await agent.GetAsync($"/api/accounts/{accountId}/arrangements", Ct)))[0];

    private static async Task<JsonElement> OffersAsync(HttpClient agent, AccountId accountId) =>
        await ArrangementsTestHost.JsonAsync(await agent.GetAsync($"/api/accounts/{accountId}/offers", Ct));

    /// <summary>A card payment received now (the clock set to <paramref name="at"/>), through the ledger's own payment path.</summary>
    private static async Task PayAsync(ParleyWebFactory factory, AccountId accountId, Instant at, decimal amount, string key)
    {
        factory.Time.SetUtcNow(at.ToDateTimeOffset());
        await using var scope = factory.Database.Scope();
        await RecordPayment.PostAsync(
            accountId, new PaymentCommand(amount, "GBP", null, "card", null, key), key,
            scope.ServiceProvider.GetRequiredService<LedgerWriter>(), scope.ServiceProvider.GetRequiredService<IClock>(), Ct);
    }

    private static async Task ReconcileAsync(ParleyWebFactory factory, Instant at)
    {
        factory.Time.SetUtcNow(at.ToDateTimeOffset());
        await using var scope = factory.Database.Scope();
        await scope.ServiceProvider.GetRequiredService<ReconcileArrangements>().HandleAsync(Actor.System("test"), new ReconcileArrangementsRequest(), Ct);
    }

    private static async Task<PostedEntry> AccrueAsync(ParleyWebFactory factory, AccountId accountId, string key)
    {
        await using var scope = factory.Database.Scope();
        var kind = key.StartsWith("interest", StringComparison.Ordinal) ? AccrualKind.Interest : AccrualKind.Fee;
        return await scope.ServiceProvider.GetRequiredService<PostAccrual>().HandleAsync(accountId, kind, 1_000, key, Ct);
    }
}
