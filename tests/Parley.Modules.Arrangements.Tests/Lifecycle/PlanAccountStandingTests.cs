using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Arrangements.Plans;
using Parley.Persistence;
using Parley.Persistence.Outbox;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Arrangements.Tests.Lifecycle;

/// <summary>
/// A plan moves its account's standing as imported accounts stand, once per milestone, with the change in the
/// account's history (through the outbox, on both providers); and a payment shows on the plan as soon as it is posted.
/// The seeded account owes £1,000 and is open, 45 days past due; the customer's day is UTC−12's.
/// </summary>
public sealed class PlanAccountStandingTests
{
    private static CancellationToken Ct => ArrangementsTestHost.Ct;

    [Theory]
    [DatabaseProviders]
    public async Task Activating_puts_the_account_in_arrangement_and_breaking_reopens_it_past_due_from_the_first_miss(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var accountId = await ArrangementsTestHost.SeedAccountAsync(factory.Database);
        var agent = factory.ClientAs(StaffRoles.Agent);
        var planId = await ProposeAndActivateAsync(agent, accountId, 300m);
        await DispatchAsync(factory);

        var inPlan = await AccountAsync(factory, accountId);
        (inPlan.Status, inPlan.DaysPastDue, inPlan.DelinquencyBucket).ShouldBe((AccountStatus.InArrangement, 0, DelinquencyBucket.Current));

        // Instalment 1 (due 10 November) and 2 (due 10 December) go unpaid: the second miss breaks the plan on 14 December.
        await ReconcileAsync(factory, Instant.FromUtc(2026, 11, 14, 13, 0));
        await ReconcileAsync(factory, Instant.FromUtc(2026, 12, 14, 13, 0));
        (await ArrangementsTestHost.JsonAsync(await agent.GetAsync($"/api/accounts/{accountId}/arrangements", Ct)))[0].GetProperty("status").GetString().ShouldBe("broken");
        await DispatchAsync(factory);

        // The 45 days before the plan, and the 34 since the first missed instalment fell due.
        var broken = await AccountAsync(factory, accountId);
        (broken.Status, broken.DaysPastDue, broken.DelinquencyBucket).ShouldBe((AccountStatus.Open, 79, DelinquencyBucket.Dpd61To90));
        var history = await HistoryAsync(factory, accountId);
        history.ShouldBe(
            [
                ("arrangement", null, "active"), ("Status", "Open", "InArrangement"), ("DaysPastDue", "45", "0"),
                ("arrangement", null, "broken"), ("Status", "InArrangement", "Open"), ("DaysPastDue", "0", "79"),
            ],
            ignoreOrder: true);

        // Delivered again: the milestones are already in the history, so nothing moves twice.
        await RedeliverAllAsync(factory);
        (await HistoryAsync(factory, accountId)).Count.ShouldBe(history.Count);
        (await AccountAsync(factory, accountId)).DaysPastDue.ShouldBe(79);
        planId.ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_plan_paid_off_completes_and_the_account_is_paid_in_full(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var accountId = await ArrangementsTestHost.SeedAccountAsync(factory.Database);
        var agent = factory.ClientAs(StaffRoles.Agent);
        await ProposeAndActivateAsync(agent, accountId, 500m);

        factory.Time.SetUtcNow(new DateTimeOffset(2026, 11, 5, 10, 0, 0, TimeSpan.Zero));
        (await PayAsync(agent, accountId, 1000m, "p-1")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ArrangementsTestHost.JsonAsync(await agent.GetAsync($"/api/accounts/{accountId}/arrangements", Ct)))[0].GetProperty("status").GetString().ShouldBe("completed");
        await DispatchAsync(factory);

        var paid = await AccountAsync(factory, accountId);
        (paid.Status, paid.DaysPastDue, paid.DelinquencyBucket).ShouldBe((AccountStatus.PaidInFull, 0, DelinquencyBucket.Current));
        (await HistoryAsync(factory, accountId)).Where(h => h.Field == "Status").Select(h => h.New).ShouldBe(["InArrangement", "PaidInFull"], ignoreOrder: true);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_posted_payment_shows_on_the_plan_timeline_at_once(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var accountId = await ArrangementsTestHost.SeedAccountAsync(factory.Database);
        var agent = factory.ClientAs(StaffRoles.Agent);
        await ProposeAndActivateAsync(agent, accountId, 300m);

        factory.Time.SetUtcNow(new DateTimeOffset(2026, 11, 5, 10, 0, 0, TimeSpan.Zero));
        (await PayAsync(agent, accountId, 350m, "p-1")).StatusCode.ShouldBe(HttpStatusCode.Created);

        // No reconciliation pass has run: the page's read brings the plan up to date with the ledger.
        var plan = (await ArrangementsTestHost.JsonAsync(await agent.GetAsync($"/api/accounts/{accountId}/arrangements", Ct)))[0];
        plan.GetProperty("instalments").EnumerateArray().Select(i => i.GetProperty("status").GetString()).ShouldBe(["paid", "partly_paid", "pending", "pending"]);
        plan.GetProperty("paid").GetDecimal().ShouldBe(350m);
    }

    private static async Task<string> ProposeAndActivateAsync(HttpClient agent, AccountId accountId, decimal amount)
    {
        var plan = await ArrangementsTestHost.JsonAsync(await agent.PostAsJsonAsync($"/api/accounts/{accountId}/arrangements", new { frequency = "monthly", amount, start = "2026-11-10" }, Ct));
        var planId = plan.GetProperty("id").GetString()!;
        (await agent.PostAsync($"/api/accounts/{accountId}/arrangements/{planId}/activate", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return planId;
    }

    private static async Task<HttpResponseMessage> PayAsync(HttpClient agent, AccountId accountId, decimal amount, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{accountId}/payments")
        {
            Content = JsonContent.Create(new { amount, currency = "GBP", method = "card" }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await agent.SendAsync(request, Ct);
    }

    private static async Task<Account> AccountAsync(ParleyWebFactory factory, AccountId accountId)
    {
        await using var scope = factory.Database.Scope();
        return await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Account>().AsNoTracking().SingleAsync(a => a.Id == accountId, Ct);
    }

    private static async Task<List<(string Field, string? Old, string? New)>> HistoryAsync(ParleyWebFactory factory, AccountId accountId)
    {
        await using var scope = factory.Database.Scope();
        var changes = await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<AccountChange>().AsNoTracking()
            .Where(c => c.AccountId == accountId).ToListAsync(Ct);
        return [.. changes.Select(c => (c.Field, c.OldValue, c.NewValue))];
    }

    private static async Task ReconcileAsync(ParleyWebFactory factory, Instant at)
    {
        factory.Time.SetUtcNow(at.ToDateTimeOffset());
        await using var scope = factory.Database.Scope();
        await scope.ServiceProvider.GetRequiredService<ReconcileArrangements>().HandleAsync(Actor.System("test"), new ReconcileArrangementsRequest(), Ct);
    }

    private static async Task DispatchAsync(ParleyWebFactory factory)
    {
        await using var scope = factory.Database.Scope();
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(Ct);
    }

    private static async Task RedeliverAllAsync(ParleyWebFactory factory)
    {
        await using var scope = factory.Database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        foreach (var message in await db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.OccurredAt).ToListAsync(Ct))
        {
            foreach (var handler in scope.ServiceProvider.GetServices<IOutboxHandler>().Where(h => h.EventType == message.Type))
            {
                await handler.HandleAsync(message, Ct);
            }
        }

        await db.SaveChangesAsync(Ct);
    }
}
