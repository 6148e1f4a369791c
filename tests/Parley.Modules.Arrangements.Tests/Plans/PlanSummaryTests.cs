using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Arrangements.Plans;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Ledger;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Arrangements.Tests.Plans;

/// <summary>The plan counts of the home page, against seven plans taken through the real lifecycle into every state.</summary>
public sealed class PlanSummaryTests
{
    private static CancellationToken Ct => ArrangementsTestHost.Ct;

    [Theory]
    [DatabaseProviders]
    public async Task Plans_are_counted_by_where_they_stand_and_active_ones_split_into_kept_and_behind(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var agent = factory.ClientAs(StaffRoles.Agent);
        // Tolerant: 3 grace days, one miss allowed. Strict: no grace, the first miss breaks the plan.
        var tolerant = await SeedCreditorAsync(factory, "TOLERANT", graceDays: 3, allowedMisses: 1);
        var strict = await SeedCreditorAsync(factory, "STRICT", graceDays: 0, allowedMisses: 0);
        var behind = await SeedAccountAsync(factory, tolerant, "BEHIND");
        var completed = await SeedAccountAsync(factory, tolerant, "COMPLETED");
        var broken = await SeedAccountAsync(factory, strict, "BROKEN");
        var onTrack = await SeedAccountAsync(factory, tolerant, "ON-TRACK");
        var proposed = await SeedAccountAsync(factory, tolerant, "PROPOSED");
        var belowMinimum = await SeedAccountAsync(factory, tolerant, "BELOW-MINIMUM");
        var cancelled = await SeedAccountAsync(factory, tolerant, "CANCELLED");

        // Monthly 300 from 10 November on a 1,000.00 balance: 300, 300, 300, 100.
        foreach (var account in new[] { behind, completed, broken, onTrack })
        {
            var plan = await ProposeAsync(agent, account, 300m);
            (await agent.PostAsync($"/api/accounts/{account}/arrangements/{plan}/activate", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await ProposeAsync(agent, proposed, 300m);
        await ProposeAsync(agent, belowMinimum, 10m);
        var toCancel = await ProposeAsync(agent, cancelled, 300m);
        (await agent.PostAsJsonAsync($"/api/accounts/{cancelled}/arrangements/{toCancel}/cancel", new { reason = "customer changed their mind" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await PayAsync(factory, completed, 1000m, "all");
        await PayAsync(factory, onTrack, 300m, "first");
        // 20 November: the first instalment (due the 10th) is past every grace period, and the second not yet due.
        factory.Time.SetUtcNow(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
        await using (var scope = factory.Database.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<ReconcileArrangements>().HandleAsync(Actor.System("test"), new ReconcileArrangementsRequest(), Ct);
        }

        await using var query = factory.Database.Scope();
        var figures = await query.ServiceProvider.GetRequiredService<GetPlanSummary>().HandleAsync(Staff.Agent, new GetPlanSummaryRequest(), Ct);
        figures.ShouldBe(new PlanFigures(Proposed: 1, AwaitingApproval: 1, Active: 2, ActiveOnTrack: 1, ActiveBehind: 1, Completed: 1, Broken: 1, Cancelled: 1));
    }

    private static async Task<Creditor> SeedCreditorAsync(ParleyWebFactory factory, string code, int graceDays, int allowedMisses)
    {
        await using var scope = factory.Database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var creditor = new Creditor(code, code, Currency.GBP, ArrangementsTestHost.DefaultPolicy with { GraceDays = graceDays, AllowedMisses = allowedMisses });
        db.Add(creditor);
        await db.SaveChangesAsync(Ct);
        return creditor;
    }

    /// <summary>A GBP account owing 1,000.00 principal, placed on 1 October 2026.</summary>
    private static async Task<AccountId> SeedAccountAsync(ParleyWebFactory factory, Creditor creditor, string reference)
    {
        await using var scope = factory.Database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var customer = new Customer(creditor.Id, $"C-{reference}", new PersonName("Pat", reference), new LocalDate(1980, 5, 17), "en-GB");
        var account = new Account(creditor.Id, customer.Id, reference,
            new AccountTerms(Currency.GBP, ProductType.CreditCard, "First Card Co", null, new LocalDate(2026, 6, 1), 45, null, AccountStatus.Open),
            Instant.FromUtc(2026, 10, 1, 12, 0));
        db.AddRange(customer, account);
        await db.SaveChangesAsync(Ct);
        await scope.ServiceProvider.GetRequiredService<ILedgerPlacements>().ApplyAsync(
            [new PlacementBalance(account.Id, Currency.GBP, AllocationWaterfall.Default, 100_000, 0, 0, Instant.FromUtc(2026, 10, 1, 12, 0), $"placement-{reference}")], Ct);
        return account.Id;
    }

    private static async Task<string> ProposeAsync(HttpClient agent, AccountId account, decimal amount)
    {
        var response = await agent.PostAsJsonAsync($"/api/accounts/{account}/arrangements", new { frequency = "monthly", amount, start = "2026-11-10" }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await ArrangementsTestHost.JsonAsync(response)).GetProperty("id").GetString()!;
    }

    /// <summary>A card payment on 5 November, through the ledger's own payment path.</summary>
    private static async Task PayAsync(ParleyWebFactory factory, AccountId account, decimal amount, string key)
    {
        factory.Time.SetUtcNow(new DateTimeOffset(2026, 11, 5, 12, 0, 0, TimeSpan.Zero));
        await using var scope = factory.Database.Scope();
        await RecordPayment.PostAsync(account, new PaymentCommand(amount, "GBP", null, "card", null, key), key,
            scope.ServiceProvider.GetRequiredService<LedgerWriter>(), scope.ServiceProvider.GetRequiredService<IClock>(), Ct);
    }
}
