using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.Testing;

namespace Parley.Modules.Arrangements.Tests;

/// <summary>The setup the Arrangements HTTP and slice tests share: one GBP account on a creditor, and JSON reading.</summary>
internal static class ArrangementsTestHost
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A creditor allowing a £25 minimum instalment and 0–30 % settlements, with the default tolerance (3 grace days, 1 miss).</summary>
    public static CreditorPolicy DefaultPolicy => new(AllocationWaterfall.Default, Money.Of(25m, Currency.GBP), 0m, 30m);

    /// <summary>
    /// A GBP account on its creditor's <paramref name="policy"/> (default <see cref="DefaultPolicy"/>) owing, by default,
    /// 1,000.00 (800 principal, 150 interest, 50 fees), placed on 1 October 2026.
    /// </summary>
    public static async Task<AccountId> SeedAccountAsync(TestDatabase database, CreditorPolicy? policy = null, long principal = 80_000, long interest = 15_000, long fees = 5_000)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var creditor = new Creditor("ACME", "ACME Bank", Currency.GBP, policy ?? DefaultPolicy);
        var customer = new Customer(creditor.Id, "C-1", new PersonName("Pat", "Lee"), new LocalDate(1980, 5, 17), "en-GB");
        var account = new Account(creditor.Id, customer.Id, "D-1",
            new AccountTerms(Currency.GBP, ProductType.CreditCard, "First Card Co", null, new LocalDate(2026, 6, 1), 45, null, AccountStatus.Open),
            Instant.FromUtc(2026, 10, 1, 12, 0));
        db.AddRange(creditor, customer, account);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<ILedgerPlacements>().ApplyAsync(
            [new PlacementBalance(account.Id, Currency.GBP, AllocationWaterfall.Default, principal, interest, fees, Instant.FromUtc(2026, 10, 1, 12, 0), "placement-1")],
            CancellationToken.None);
        return account.Id;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.Clone();
    }
}
