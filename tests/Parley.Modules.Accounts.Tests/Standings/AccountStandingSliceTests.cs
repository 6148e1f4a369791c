using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.Persistence.Outbox;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Accounts.Tests.Standings;

/// <summary>
/// The account page's figures follow the ledger on both providers: the last payment is the ledger's latest one that
/// stands, and a payment that clears the balance (through the payment API and the outbox) makes the account paid in
/// full or in credit, not past due; a reversal that makes it owe again puts back the standing it had.
/// </summary>
public sealed class AccountStandingSliceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [DatabaseProviders]
    public async Task The_last_payment_is_the_ledgers_latest_that_stands(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var accountId = await SeedChargedOffAsync(factory.Database, 100_00);
        var agent = factory.ClientAs(StaffRoles.Agent);
        factory.Time.SetUtcNow(new DateTimeOffset(2026, 11, 26, 15, 0, 0, TimeSpan.Zero));

        (await DetailsAsync(agent, accountId)).GetProperty("lastPaymentDate").GetString().ShouldBe("2026-06-03");
        var payment = await PayAsync(agent, accountId, 30m, "p-1");

        var details = await DetailsAsync(agent, accountId);
        details.GetProperty("lastPaymentDate").GetString().ShouldBe("2026-11-26");
        details.GetProperty("placedLastPaymentDate").GetString().ShouldBe("2026-06-03");

        // A payment that bounced is no payment: the placed date is the last one again.
        (await factory.ClientAs(StaffRoles.Supervisor).PostAsJsonAsync($"/api/accounts/{accountId}/ledger/{payment}/reversal", new { reason = "card chargeback" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await DetailsAsync(agent, accountId)).GetProperty("lastPaymentDate").GetString().ShouldBe("2026-06-03");
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_payment_that_clears_the_balance_ends_arrears_and_a_reversal_puts_them_back(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var accountId = await SeedChargedOffAsync(factory.Database, 100_00);
        var agent = factory.ClientAs(StaffRoles.Agent);
        factory.Time.SetUtcNow(new DateTimeOffset(2026, 11, 26, 15, 0, 0, TimeSpan.Zero));

        await PayAsync(agent, accountId, 30m, "p-1");
        (await DispatchAsync(factory)).ShouldBe(0, "a payment that leaves a balance raises no standing event");
        var overpaid = await PayAsync(agent, accountId, 76m, "p-2");
        (await DispatchAsync(factory)).ShouldBe(1);

        var credit = await DetailsAsync(agent, accountId);
        credit.GetProperty("status").GetString().ShouldBe("in_credit");
        credit.GetProperty("daysPastDue").GetInt32().ShouldBe(0);
        credit.GetProperty("bucket").GetString().ShouldBe("current");
        credit.GetProperty("chargeOffDate").GetString().ShouldBe("2026-02-01");
        var history = credit.GetProperty("changes").EnumerateArray().Select(c => (c.GetProperty("field").GetString(), c.GetProperty("oldValue").GetString(), c.GetProperty("newValue").GetString())).ToList();
        history.ShouldBe([("Status", "Open", "InCredit"), ("DaysPastDue", "270", "0")], ignoreOrder: true);

        // Delivered again (at least once): nothing changes twice.
        await RedeliverAllAsync(factory);
        (await DetailsAsync(agent, accountId)).GetProperty("changes").GetArrayLength().ShouldBe(2);

        // The overpayment is charged back: the account owes 70.00 again, open and 270 days past due as before.
        (await factory.ClientAs(StaffRoles.Supervisor).PostAsJsonAsync($"/api/accounts/{accountId}/ledger/{overpaid}/reversal", new { reason = "card chargeback" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await DispatchAsync(factory)).ShouldBe(1);
        var reopened = await DetailsAsync(agent, accountId);
        reopened.GetProperty("status").GetString().ShouldBe("open");
        reopened.GetProperty("daysPastDue").GetInt32().ShouldBe(270);
        reopened.GetProperty("bucket").GetString().ShouldBe("charged_off");

        // Paying exactly what is owed is paid in full.
        await PayAsync(agent, accountId, 70m, "p-3");
        (await DispatchAsync(factory)).ShouldBe(1);
        var paid = await DetailsAsync(agent, accountId);
        paid.GetProperty("status").GetString().ShouldBe("paid_in_full");
        paid.GetProperty("daysPastDue").GetInt32().ShouldBe(0);
    }

    /// <summary>USD, placed 1 October 2026: charged off 1 February, last paid 3 June, 270 days past due, owing <paramref name="principal"/>.</summary>
    internal static async Task<AccountId> SeedChargedOffAsync(TestDatabase database, long principal)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var creditor = new Creditor("ACME", "ACME Bank", Currency.USD, new CreditorPolicy(AllocationWaterfall.Default, Money.Of(25m, Currency.USD), 0m, 30m));
        var customer = new Customer(creditor.Id, "C-1", new PersonName("David", "Adams"), new LocalDate(1980, 5, 17), "en-US");
        var placedAt = Instant.FromUtc(2026, 10, 1, 12, 0);
        var account = new Account(creditor.Id, customer.Id, "HPB-1",
            new AccountTerms(Currency.USD, ProductType.CreditCard, "First Card Co", new LocalDate(2026, 2, 1), new LocalDate(2026, 6, 3), 270, null, AccountStatus.Open),
            placedAt);
        db.AddRange(creditor, customer, account);
        await db.SaveChangesAsync(Ct);
        await scope.ServiceProvider.GetRequiredService<ILedgerPlacements>().ApplyAsync(
            [new PlacementBalance(account.Id, Currency.USD, AllocationWaterfall.Default, principal, 0, 0, placedAt, "placement-1")], Ct);
        return account.Id;
    }

    internal static async Task<JsonElement> DetailsAsync(HttpClient client, AccountId accountId) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/accounts/{accountId}", Ct);

    /// <summary>Posts a card payment through the API and returns its ledger entry id.</summary>
    internal static async Task<string> PayAsync(HttpClient client, AccountId accountId, decimal amount, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{accountId}/payments")
        {
            Content = JsonContent.Create(new { amount, currency = "USD", method = "card" }),
        };
        request.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(request, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("entry").GetProperty("id").GetString()!;
    }

    internal static async Task<int> DispatchAsync(ParleyWebFactory factory)
    {
        await using var scope = factory.Database.Scope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(Ct);
    }

    private static async Task RedeliverAllAsync(ParleyWebFactory factory)
    {
        await using var scope = factory.Database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        foreach (var message in await db.Set<OutboxMessage>().AsNoTracking().ToListAsync(Ct))
        {
            foreach (var handler in scope.ServiceProvider.GetServices<IOutboxHandler>().Where(h => h.EventType == message.Type))
            {
                await handler.HandleAsync(message, Ct);
            }
        }

        await db.SaveChangesAsync(Ct);
    }
}
