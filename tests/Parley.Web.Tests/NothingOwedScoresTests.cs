using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.Live;
using Parley.Modules.Decisioning.Registry;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.Persistence.Outbox;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;

namespace Parley.Web.Tests;

/// <summary>
/// An account that owes nothing is not scored: no chance of missing a payment built from old arrears, no propensity
/// "paid 200% of the balance", and no stale score from before it was paid; the portfolio run leaves it out too.
/// </summary>
public sealed class NothingOwedScoresTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [DatabaseProviders]
    public async Task An_account_paid_into_credit_is_not_scored_and_says_why(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var accountId = await SeedInArrearsAsync(factory.Database);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DefaultModel>().HandleAsync(Actor.System("test seed"), new RegisterDefaultModelsRequest(), Ct);
        }

        var agent = factory.ClientAs(StaffRoles.Agent);
        var owing = await agent.GetFromJsonAsync<JsonElement>($"/api/accounts/{accountId}/scores", Ct);
        owing.GetProperty("scores").GetArrayLength().ShouldBe(2);
        owing.GetProperty("notScored").ValueKind.ShouldBe(JsonValueKind.Null);

        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{accountId}/payments") { Content = JsonContent.Create(new { amount = 306m, currency = "USD", method = "card" }) })
        {
            request.Headers.Add("Idempotency-Key", "pay-off");
            (await agent.SendAsync(request, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(Ct);
        }

        var paid = await agent.GetFromJsonAsync<JsonElement>($"/api/accounts/{accountId}/scores", Ct);
        paid.GetProperty("scores").GetArrayLength().ShouldBe(0);
        paid.GetProperty("segment").ValueKind.ShouldBe(JsonValueKind.Null);
        paid.GetProperty("notScored").GetString()!.ShouldContain("in credit (USD 6.00 to refund)");

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<ScorePortfolio>().HandleAsync(Actor.System("test seed"), new ScorePortfolioRequest(), Ct)).Accounts.ShouldBe(0);
        }
    }

    /// <summary>Six statements in arrears, 180 days past due, owing USD 300.00.</summary>
    private static async Task<AccountId> SeedInArrearsAsync(TestDatabase database)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var creditor = new Creditor("ACME", "ACME Bank", Currency.USD, new CreditorPolicy(AllocationWaterfall.Default, Money.Of(25m, Currency.USD), 0m, 30m));
        var customer = new Customer(creditor.Id, "C-1", new PersonName("David", "Adams"), new LocalDate(1980, 5, 17), "en-US");
        var placedAt = Instant.FromUtc(2026, 10, 1, 12, 0);
        var account = new Account(creditor.Id, customer.Id, "HPB-1",
            new AccountTerms(Currency.USD, ProductType.CreditCard, "First Card Co", null, new LocalDate(2026, 3, 3), 180, null, AccountStatus.Open),
            placedAt);
        account.RecordStatements(StatementHistory.Of(Enumerable.Range(0, 6).Select(k => new MonthlyStatement(new LocalDate(2026, 4 + k, 1), 300_00, 50_00, 0, 30 * k))));
        db.AddRange(creditor, customer, account);
        await db.SaveChangesAsync(Ct);
        await scope.ServiceProvider.GetRequiredService<ILedgerPlacements>().ApplyAsync(
            [new PlacementBalance(account.Id, Currency.USD, AllocationWaterfall.Default, 300_00, 0, 0, placedAt, "placement-1")], Ct);
        return account.Id;
    }
}
