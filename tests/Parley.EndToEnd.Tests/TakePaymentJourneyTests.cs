using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.Persistence;

namespace Parley.EndToEnd.Tests;

/// <summary>An agent takes a payment on the account page: problems beside their fields, then one payment however often it is clicked.</summary>
public sealed class TakePaymentJourneyTests
{
    private const string Header = PlacementCsv.Header;

    // The placement opens the ledger with principal 1,820.50, interest 94.75 and fees 35.00: USD 1,950.25 outstanding.
    private const string Ada = PlacementCsv.AdaLovelace;

    [Fact]
    public async Task An_agent_takes_a_payment_and_sees_the_balance_and_ledger_change_and_a_double_click_posts_once()
    {
        await using var staff = await StaffBrowser.StartAsync("UTC");
        await staff.CreateCreditorAsync("ACME-CARD", "Acme Card Services", "USD");
        (await staff.ImportAsync("payment.csv", $"{Header}\r\n{Ada}\r\n")).RowsAccepted.ShouldBe(1L);
        await staff.CreateStaffAsync("agent@parley.test", Parley.SharedKernel.Security.StaffRoles.Agent);
        var accountId = await AccountIdAsync(staff.Factory.Services, "ACC-1001");

        await staff.WalkAsync("take-payment", async page =>
        {
            await staff.SignInAtAsync($"/accounts/{accountId}", "agent@parley.test");
            var card = page.GetByTestId("take-payment");
            await Assertions.Expect(card).ToHaveAttributeAsync("data-interactive", "true");
            await Assertions.Expect(page.GetByTestId("balances")).ToContainTextAsync("USD 1,950.25");
            var amount = card.GetByTestId("payment-amount");
            var currency = card.GetByTestId("payment-currency");
            var submit = card.GetByTestId("payment-submit");
            await Assertions.Expect(currency.Locator("input")).ToHaveValueAsync("USD");

            // The module's own validation, beside the field it is about; nothing is posted.
            await amount.Locator("input").FillAsync("0");
            await submit.ClickAsync();
            await Assertions.Expect(amount).ToContainTextAsync("The amount must be greater than zero.");

            await amount.Locator("input").FillAsync("10.005");
            await submit.ClickAsync();
            await Assertions.Expect(amount).ToContainTextAsync("USD amounts have at most 2 decimals.");

            await amount.Locator("input").FillAsync("10");
            await currency.Locator("input").FillAsync("GBP");
            await submit.ClickAsync();
            await Assertions.Expect(currency).ToContainTextAsync("The account is held in USD.");
            (await PaymentsAsync(staff.Factory.Services, accountId)).ShouldBe(0);

            await currency.Locator("input").FillAsync("USD");
            await amount.Locator("input").FillAsync("150.00");
            await card.GetByTestId("payment-reference").Locator("input").FillAsync("PAY-UI-1");
            await card.GetByTestId("payment-note").Locator("input").FillAsync("paid on the phone");
            await submit.DblClickAsync();

            await Assertions.Expect(card.GetByTestId("payment-recorded")).ToContainTextAsync("Payment of USD 150.00 recorded (reference PAY-UI-1). Outstanding now USD 1,800.25.");
            await Assertions.Expect(page.GetByTestId("balances")).ToContainTextAsync("USD 1,800.25");
            var paymentRows = page.GetByTestId("ledger").Locator("tbody tr").Filter(new() { HasText = "PAY-UI-1" });
            await Assertions.Expect(paymentRows).ToHaveCountAsync(1);
            await Assertions.Expect(paymentRows).ToContainTextAsync("Payment by card: paid on the phone");
            await staff.ScreenshotAsync("take-payment.png", fullPage: true);

            // The next payment is a new form with a new key: the same figures again are a second payment.
            await card.GetByTestId("payment-another").ClickAsync();
            await Assertions.Expect(amount.Locator("input")).ToHaveValueAsync("");
            await amount.Locator("input").FillAsync("150.00");
            await card.GetByTestId("payment-reference").Locator("input").FillAsync("PAY-UI-2");
            await card.GetByTestId("payment-submit").ClickAsync();
            await Assertions.Expect(page.GetByTestId("balances")).ToContainTextAsync("USD 1,650.25");

            // Paid beyond the debt: the arrangements card offers nothing and shows no plan form, it says why.
            await card.GetByTestId("payment-another").ClickAsync();
            await amount.Locator("input").FillAsync("1700.25");
            await card.GetByTestId("payment-reference").Locator("input").FillAsync("PAY-UI-3");
            await card.GetByTestId("payment-submit").ClickAsync();
            await Assertions.Expect(page.GetByTestId("balances")).ToContainTextAsync("USD -50.00");
            await page.ReloadAsync();
            var arrangements = page.GetByTestId("arrangements");
            await Assertions.Expect(arrangements).ToHaveAttributeAsync("data-interactive", "true");
            await Assertions.Expect(arrangements.GetByTestId("nothing-owed")).ToContainTextAsync("Nothing is owed: the account is in credit by USD 50.00, to be refunded");
            await Assertions.Expect(arrangements.GetByTestId("plan-form")).ToHaveCountAsync(0);
            await Assertions.Expect(arrangements.GetByTestId("offers")).ToHaveCountAsync(0);
        });

        (await PaymentsAsync(staff.Factory.Services, accountId)).ShouldBe(3);
    }

    private static async Task<Guid> AccountIdAsync(IServiceProvider services, string accountRef)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Account>().SingleAsync(a => a.CreditorReference == accountRef)).Id.Value;
    }

    private static async Task<int> PaymentsAsync(IServiceProvider services, Guid accountId)
    {
        await using var scope = services.CreateAsyncScope();
        var id = Parley.SharedKernel.AccountId.From(accountId);
        return await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<LedgerEntry>().CountAsync(e => e.AccountId == id && e.Kind == LedgerEntryKind.Payment);
    }
}
